import type { UserRow } from '@trellis/db/schema';
import {
  type UserTokenVerifier,
  userTokenAlgorithm,
  userTokenAudience,
  userTokenVerifier,
} from '@trellis/kit';
import { SignJWT } from 'jose';
import type { Signer, SigningKeyStore } from './signing-keys.ts';

export interface AccessTokenSettings {
  /** `JWT_ISSUER`, `trellis-users` by default. */
  issuer: string;
  ttlSeconds: number;
}

/** A short-lived access token naming the user, their roles and the session (`sid`). */
export function issueAccessToken(
  user: Pick<UserRow, 'id' | 'email' | 'roles'>,
  sessionId: string,
  signer: Signer,
  settings: AccessTokenSettings,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email: user.email, roles: user.roles, sid: sessionId })
    .setProtectedHeader({ alg: userTokenAlgorithm, typ: 'JWT', kid: signer.kid })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(userTokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(signer.key);
}

/**
 * How users checks its own access tokens: the kit's verifier (EdDSA only, issuer, audience,
 * expiry) with keys read from the key store itself, never from its own JWKS over HTTP.
 */
export function createUserTokenVerifier(
  keys: Pick<SigningKeyStore, 'verificationKey'>,
  issuer: string,
  now: () => Date,
): UserTokenVerifier {
  return userTokenVerifier((kid) => keys.verificationKey(kid), { issuer, currentDate: now });
}
