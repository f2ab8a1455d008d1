import type { UserRow } from '@trellis/db/schema';
import { z } from '@trellis/kit';
import { errors, jwtVerify, SignJWT } from 'jose';
import { userRoles } from './lifecycle.ts';
import { type SigningKeyStore, type Signer, signingAlgorithm } from './signing-keys.ts';

/** Every service checks this audience; the tokens are for the platform, not one service. */
export const accessTokenAudience = 'trellis';

export interface AccessTokenSettings {
  /** `JWT_ISSUER`, `trellis-users` by default. */
  issuer: string;
  ttlSeconds: number;
}

/** What an access token says about its user, once verified. */
export const AccessTokenClaimsSchema = z.object({
  sub: z.string().regex(/^usr_[0-9a-f]{32}$/),
  email: z.string(),
  roles: z.array(z.enum(userRoles)),
  sid: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

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
    .setProtectedHeader({ alg: signingAlgorithm, typ: 'JWT', kid: signer.kid })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(accessTokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(signer.key);
}

/** Why a token was not accepted; the message is safe to show the caller. */
export class InvalidAccessToken extends Error {}

export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

/**
 * Verifies users' own access tokens against the key store directly, so users never fetches
 * its own JWKS: EdDSA only, a published `kid`, the issuer, the `trellis` audience and the
 * expiry (by `now`, the service's clock). Throws `InvalidAccessToken` otherwise.
 */
export function createAccessTokenVerifier(
  keys: SigningKeyStore,
  settings: Pick<AccessTokenSettings, 'issuer'>,
  now: () => Date,
): AccessTokenVerifier {
  const keyOf = async ({ kid }: { kid?: string }) => {
    const key = kid ? await keys.verificationKey(kid) : undefined;
    if (!key) {
      throw new errors.JWKSNoMatchingKey();
    }
    return key;
  };
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keyOf, {
        algorithms: [signingAlgorithm],
        issuer: settings.issuer,
        audience: accessTokenAudience,
        currentDate: now(),
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return AccessTokenClaimsSchema.parse(payload);
    } catch (error) {
      throw new InvalidAccessToken(describeRefusal(error), { cause: error });
    }
  };
}

function describeRefusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return 'The access token has expired.';
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'The access token was signed by no key users publishes.';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The access token's ${error.claim} claim is not accepted.`;
  }
  return 'The access token is invalid.';
}
