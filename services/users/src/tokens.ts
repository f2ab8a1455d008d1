import type { UserRow } from '@trellis/db/schema';
import { SignJWT } from 'jose';

export interface TokenSettings {
  /** HMAC key for HS256; at least 32 bytes. */
  secret: Uint8Array;
  issuer: string;
  ttlSeconds: number;
}

/** A short-lived access token naming the user and their roles. */
export async function issueAccessToken(
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'roles'>,
  settings: TokenSettings,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email: user.email, name: user.name, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(settings.secret);
}
