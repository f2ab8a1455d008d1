import { createHash } from 'node:crypto';
import { type UpstreamFetch, upstreamFailure } from '@trellis/client';
import { ApiError, type LiveConfig, z } from '@trellis/kit';
import type { GatewayConfig } from '../config.ts';

/** What users answers for a key it knows: `POST /v1/api-keys/verify` (docs/identity.md). */
export const VerifiedKeySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  scopes: z.array(z.string()),
});
export type VerifiedKey = z.infer<typeof VerifiedKeySchema>;

/** Asks whether `key` is a live API key: its id, name and scopes, or undefined when it is not. */
export type AskForKey = (key: string) => Promise<VerifiedKey | undefined>;

/** `trk_live_<id>_<secret>`: anything else is refused without asking users. */
const keyShape = /^trk_[a-z]+_[A-Za-z0-9_-]{8,290}$/;

/**
 * Users refuses a key with a plain 401. A 401 with a `WWW-Authenticate` challenge is the kit
 * refusing the gateway's own token: a fault of the platform, not of the consumer's key.
 */
async function refusedKey(response: Response): Promise<boolean> {
  if (response.status !== 401) {
    return false;
  }
  await response.body?.cancel();
  if (response.headers.has('www-authenticate')) {
    throw new ApiError('internal', {
      detail: 'The users service refused the gateway’s own credentials while checking an API key.',
    });
  }
  return true;
}

/** Asks users, with the gateway's service token, through its upstream fetch. */
export function askUsers(users: UpstreamFetch, baseUrl = 'http://users.invalid'): AskForKey {
  const template = '/v1/api-keys/verify';
  return async (key) => {
    const request = new Request(`${baseUrl}${template}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ key }),
    });
    const response = await users(request, template);
    if (await refusedKey(response)) {
      return undefined;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw upstreamFailure('users', response);
    }
    return VerifiedKeySchema.parse(await response.json());
  };
}

export interface ApiKeyCacheOptions {
  ask: AskForKey;
  /** Read on every lookup, so a published change applies to the next one. */
  ttl: () => { acceptedSeconds: number; refusedSeconds: number };
  now?: () => number;
  /** Keys remembered at once; the least recently stored are forgotten first. */
  maxEntries?: number;
}

export interface ApiKeyVerifier {
  /** The key's id and scopes, or undefined when users refused it. */
  verify(key: string): Promise<VerifiedKey | undefined>;
}

interface Remembered {
  verdict: VerifiedKey | undefined;
  until: number;
}

/**
 * SHA-256 of the key, so the cache never holds a secret in the clear. node:crypto's (Deno has
 * it too) rather than WebCrypto's: on every call, the promise and job of `subtle.digest` cost
 * the gateway several times what hashing a short key does.
 */
function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

/**
 * Verifies API keys through users, remembering each answer for a while: a verified key for
 * `acceptedSeconds`, a refused one for `refusedSeconds`. Lookups of one key at once share one
 * question to users; a failure to ask is not remembered.
 */
export function createApiKeyCache(options: ApiKeyCacheOptions): ApiKeyVerifier {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const remembered = new Map<string, Remembered>();
  const asking = new Map<string, Promise<VerifiedKey | undefined>>();

  const remember = (id: string, verdict: VerifiedKey | undefined) => {
    const { acceptedSeconds, refusedSeconds } = options.ttl();
    const seconds = verdict ? acceptedSeconds : refusedSeconds;
    remembered.delete(id);
    if (seconds <= 0) {
      return;
    }
    remembered.set(id, { verdict, until: now() + seconds * 1000 });
    if (remembered.size > maxEntries) {
      remembered.delete(remembered.keys().next().value as string);
    }
  };

  return {
    async verify(key) {
      if (!keyShape.test(key)) {
        return undefined;
      }
      const id = fingerprint(key);
      const known = remembered.get(id);
      if (known !== undefined && known.until > now()) {
        return known.verdict;
      }
      let question = asking.get(id);
      if (question === undefined) {
        question = options
          .ask(key)
          .then((verdict) => {
            remember(id, verdict);
            return verdict;
          })
          .finally(() => asking.delete(id));
        asking.set(id, question);
      }
      return question;
    },
  };
}

/** The gateway's verifier: users asked, answers kept as long as the live config says. */
export function apiKeysThroughUsers(
  users: UpstreamFetch,
  config: LiveConfig<GatewayConfig>,
  now?: () => number,
): ApiKeyVerifier {
  return createApiKeyCache({
    ...(now ? { now } : {}),
    ask: askUsers(users),
    ttl: () => ({
      acceptedSeconds: config.get().apiKeyCacheSeconds,
      refusedSeconds: config.get().apiKeyRefusalCacheSeconds,
    }),
  });
}
