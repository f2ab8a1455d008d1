import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { z } from 'zod';

/**
 * Each service signs its own tokens with its own Ed25519 key (`SERVICE_PRIVATE_KEY`), and every
 * service checks them against the platform's trust set of public keys (`SERVICE_PUBLIC_KEYS`),
 * so no service can sign as another and no shared secret can be leaked to mint any of them.
 */
export const serviceTokenAlgorithm = 'EdDSA';
const servicePrefix = 'service:';
const serviceName = /^[a-z][a-z0-9-]{0,62}$/;

const ed25519Jwk = z
  .object({
    kty: z.literal('OKP', 'must be an OKP (Ed25519) key'),
    crv: z.literal('Ed25519', 'must be an Ed25519 key'),
    x: z.string().min(1),
    kid: z.string().min(1, 'must name its key id (kid)'),
  })
  .loose();

/** A service's private key: an Ed25519 JWK with its `d` and a `kid`. */
export const servicePrivateKeySchema = z
  .string()
  .transform((text, ctx) => parseJson(text, ctx))
  .pipe(ed25519Jwk.extend({ d: z.string().min(1, 'must hold the private part (d)') }));

/** The trust set: `{ "orders": <public JWK> | [<public JWK>, …], … }`. */
export const servicePublicKeysSchema = z
  .string()
  .transform((text, ctx) => parseJson(text, ctx))
  .pipe(
    z.record(
      z.string().regex(serviceName, 'service names are lowercase letters, digits and dashes'),
      z.union([ed25519Jwk, z.array(ed25519Jwk).min(1)]),
    ),
  );

function parseJson(text: string, ctx: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
}

export interface ServiceKeyPair {
  service: string;
  privateJwk: JWK & { kid: string; d: string };
  publicJwk: JWK & { kid: string };
}

/** A new key pair for `service`, as npm start and the tests make them. */
export async function generateServiceKey(service: string): Promise<ServiceKeyPair> {
  const { privateKey } = await generateKeyPair(serviceTokenAlgorithm, {
    crv: 'Ed25519',
    extractable: true,
  });
  const jwk = await exportJWK(privateKey);
  const kid = `${service}-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
  const { d, ...publicPart } = jwk;
  return {
    service,
    privateJwk: { ...jwk, kid, d: d ?? '' },
    publicJwk: { ...publicPart, kid },
  };
}

/** `{ service: [publicJwk] }` of key pairs, as `SERVICE_PUBLIC_KEYS` holds it. */
export function trustSetOf(pairs: readonly ServiceKeyPair[]): Record<string, JWK[]> {
  const set: Record<string, JWK[]> = {};
  for (const pair of pairs) {
    set[pair.service] = [...(set[pair.service] ?? []), pair.publicJwk];
  }
  return set;
}

/** Tokens `service` sends to `audience`, signed with its own key, renewed after half their life. */
export type ServiceTokenSource = (audience: string) => Promise<string>;

export function serviceTokenSigner(
  service: string,
  privateJwk: JWK,
  options: { ttlSeconds?: number; now?: () => number } = {},
): ServiceTokenSource {
  const ttlSeconds = options.ttlSeconds ?? 300;
  const now = options.now ?? Date.now;
  const key = importJWK(privateJwk, serviceTokenAlgorithm);
  const cached = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (audience) => {
    const at = now();
    const hit = cached.get(audience);
    if (hit && at < hit.renewAt) {
      return hit.token;
    }
    const issuedAt = Math.floor(at / 1000);
    const token = key.then((signingKey) =>
      new SignJWT({})
        .setProtectedHeader({ alg: serviceTokenAlgorithm, kid: String(privateJwk.kid), typ: 'JWT' })
        .setIssuer(`${servicePrefix}${service}`)
        .setSubject(`${servicePrefix}${service}`)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign(signingKey),
    );
    token.catch(() => cached.delete(audience));
    cached.set(audience, { token, renewAt: at + (ttlSeconds * 1000) / 2 });
    return token;
  };
}

/** Whether an (unverified) JWT says it is a service token; only picks the verifier to try. */
export function claimsToBeService(token: string): boolean {
  try {
    const sub = decodeJwt(token).sub;
    return typeof sub === 'string' && sub.startsWith(servicePrefix);
  } catch {
    return false;
  }
}

export interface VerifiedServiceToken {
  service: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Checks a service token against the trust set: signed by a key listed for the service it
 * names, for `audience`, unexpired. Throws on anything else.
 */
export function serviceTokenVerifier(
  trustSet: Record<string, JWK | JWK[]>,
  audience: string,
): (token: string) => Promise<VerifiedServiceToken> {
  const keys = new Map<string, Promise<CryptoKey | Uint8Array>>();
  const keyOf = (service: string, kid: string | undefined) => {
    const listed = trustSet[service];
    const jwk = (Array.isArray(listed) ? listed : listed ? [listed] : []).find(
      (candidate) => candidate.kid === kid,
    );
    if (!jwk || !kid) {
      return undefined;
    }
    const id = `${service} ${kid}`;
    let key = keys.get(id);
    if (!key) {
      key = importJWK(jwk, serviceTokenAlgorithm);
      keys.set(id, key);
    }
    return key;
  };
  return async (token) => {
    const sub = decodeJwt(token).sub ?? '';
    const service = sub.slice(servicePrefix.length);
    const key = keyOf(service, decodeProtectedHeader(token).kid);
    if (!key) {
      throw new Error(`no trusted key of service "${service}" with that kid`);
    }
    const { payload } = await jwtVerify(token, await key, {
      algorithms: [serviceTokenAlgorithm],
      issuer: sub,
      subject: sub,
      audience,
      requiredClaims: ['exp'],
    });
    return { service, expiresAt: payload.exp ?? 0 };
  };
}
