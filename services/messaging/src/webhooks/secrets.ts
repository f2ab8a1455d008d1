import { fromBase64, type SecretCipher, toBase64 } from '@trellis/kit';

/** A signing secret as stored on the endpoint: sealed, with its life. */
export interface StoredSecret {
  sealed: string;
  createdAt: string;
  /** Set on the previous secret by a rotation: it signs until then. */
  expiresAt: string | null;
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** What a sealed secret is bound to, so one endpoint's secret cannot be opened as another's. */
const sealContext = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export async function sealSecret(
  cipher: SecretCipher,
  endpointId: string,
  secret: string,
  now: Date,
): Promise<StoredSecret> {
  return {
    sealed: await cipher.seal(secret, sealContext(endpointId)),
    createdAt: now.toISOString(),
    expiresAt: null,
  };
}

/** The secrets that sign at `now`: the current one, and the previous one during an overlap. */
export function liveSecrets(secrets: readonly StoredSecret[], now: Date): StoredSecret[] {
  return secrets.filter((s) => s.expiresAt === null || new Date(s.expiresAt) > now);
}

/** The plain secrets that sign at `now`, newest first. */
export async function openLiveSecrets(
  cipher: SecretCipher,
  endpointId: string,
  secrets: readonly StoredSecret[],
  now: Date,
): Promise<string[]> {
  const live = liveSecrets(secrets, now).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return Promise.all(
    live.map(async (s) => String(await cipher.open(s.sealed, sealContext(endpointId)))),
  );
}

/**
 * The rotated list: a fresh secret, the current one kept until `now + overlapMs`, expired ones
 * dropped.
 */
export function rotatedSecrets(
  secrets: readonly StoredSecret[],
  fresh: StoredSecret,
  now: Date,
  overlapMs: number,
): StoredSecret[] {
  const until = new Date(now.getTime() + overlapMs).toISOString();
  const kept = liveSecrets(secrets, now)
    .filter(() => overlapMs > 0)
    .map((s) => ({ ...s, expiresAt: s.expiresAt ?? until }));
  return [fresh, ...kept];
}

const encoder = new TextEncoder();

/**
 * The Standard Webhooks `webhook-signature` header: `v1,<base64 HMAC-SHA256>` of
 * `${id}.${timestamp}.${body}` under each secret, space-separated.
 */
export async function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const content = encoder.encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    secrets.map(async (secret) => {
      const key = await crypto.subtle.importKey(
        'raw',
        fromBase64(secret.replace(/^whsec_/, '')),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return `v1,${toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))}`;
    }),
  );
  return signatures.join(' ');
}
