import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { IdentitySettings } from './identify.ts';
import type { Role } from './roles.ts';
import { generateServiceKey, type ServiceKeyPair, serviceTokenSigner } from './service-keys.ts';
import {
  userTokenAlgorithm,
  userTokenAudience,
  userTokenIssuer,
  userTokenVerifier,
} from './user-tokens.ts';

export interface TestUser {
  id: string;
  roles?: Role[];
  email?: string;
  sessionId?: string;
  /** Seconds the token lives; 900 by default. */
  ttlSeconds?: number;
}

/**
 * Real keys for tests, with no users service: a user-token signing key standing in for users'
 * (verified by the real verifier) and a key pair per service, made on first use.
 */
export interface TestIdentity {
  /** What a service app checks credentials with. */
  settings: IdentitySettings;
  metricsToken: string;
  /** The public key user tokens are signed with, as a JWKS would list it. */
  publicJwk: JWK;
  userToken(user: TestUser): Promise<string>;
  /** A token of `service` for `audience`, signed with `service`'s own key. */
  serviceToken(service: string, audience: string): Promise<string>;
  /** `service`'s key pair (its private JWK for `SERVICE_PRIVATE_KEY`). */
  serviceKey(service: string): Promise<ServiceKeyPair>;
  /** `Authorization` headers calling as a user, as a service (optionally for a user). */
  asUser(user: TestUser): Promise<Record<string, string>>;
  asService(service: string, audience: string, forUser?: TestUser): Promise<Record<string, string>>;
}

export async function createTestIdentity(): Promise<TestIdentity> {
  const { privateKey, publicKey } = await generateKeyPair(userTokenAlgorithm, { crv: 'Ed25519' });
  const kid = `test-users-${crypto.randomUUID().slice(0, 8)}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid };
  const trustSet: Record<string, JWK[]> = {};
  const pairs = new Map<string, Promise<ServiceKeyPair>>();
  const signers = new Map<string, ReturnType<typeof serviceTokenSigner>>();
  const metricsToken = `metrics-${crypto.randomUUID()}-${crypto.randomUUID()}`;

  const serviceKey = (service: string) => {
    let pair = pairs.get(service);
    if (!pair) {
      pair = generateServiceKey(service).then((made) => {
        trustSet[service] = [made.publicJwk];
        return made;
      });
      pairs.set(service, pair);
    }
    return pair;
  };
  const userToken = async (user: TestUser) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      roles: user.roles ?? ['member'],
      email: user.email ?? `${user.id}@example.test`,
      ...(user.sessionId ? { sid: user.sessionId } : {}),
    })
      .setProtectedHeader({ alg: userTokenAlgorithm, kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(userTokenIssuer)
      .setAudience(userTokenAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + (user.ttlSeconds ?? 900))
      .sign(privateKey);
  };
  const serviceToken = async (service: string, audience: string) => {
    let sign = signers.get(service);
    if (!sign) {
      sign = serviceTokenSigner(service, (await serviceKey(service)).privateJwk);
      signers.set(service, sign);
    }
    return sign(audience);
  };
  return {
    settings: {
      verifyUser: userTokenVerifier(async (wanted) => (wanted === kid ? publicKey : undefined)),
      serviceKeys: trustSet,
      metricsToken,
    },
    metricsToken,
    userToken,
    serviceToken,
    serviceKey,
    publicJwk,
    asUser: async (user) => ({ authorization: `Bearer ${await userToken(user)}` }),
    asService: async (service, audience, forUser) => ({
      authorization: `Bearer ${await serviceToken(service, audience)}`,
      ...(forUser ? { 'x-trellis-user-token': await userToken(forUser) } : {}),
    }),
  };
}
