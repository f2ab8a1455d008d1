import type { TestDatabase } from '@trellis/db/testing';
import { decodeEncryptionKey } from '@trellis/kit';
import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { createSigningKeyStore } from '../../services/users/src/signing-keys.ts';
import { tokenKeyMaterial } from '../../services/users/src/token-key.ts';

/**
 * Access tokens every service must refuse, made the ways an attacker would try: users' real
 * key with a wrong audience, issuer or expiry (read from Postgres with the key that seals it,
 * which only the test and users hold), a genuine token with its claims changed, `alg: none`,
 * and tokens signed by another key under an unknown or a borrowed `kid`.
 */
export interface BadTokens {
  [name: string]: string;
}

/** Users' current signing key, opened as users opens it. */
async function usersSigner(database: TestDatabase, tokenKeyEncryptionKey: string) {
  const raw = decodeEncryptionKey(tokenKeyEncryptionKey);
  if (!raw) {
    throw new Error('TOKEN_KEY_ENCRYPTION_KEY is not 32 bytes in base64');
  }
  const store = createSigningKeyStore({
    db: database.db,
    cipher: tokenKeyMaterial(raw).cipher,
    now: () => new Date(),
    accessTokenTtlSeconds: 60,
  });
  return store.signer();
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
}

/** `genuine` is a valid access token of a member; every token made here claims an admin. */
export async function badTokens(
  genuine: string,
  database: TestDatabase,
  tokenKeyEncryptionKey: string,
): Promise<BadTokens> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...claimsOf(genuine), roles: ['member', 'admin'] };
  const [header = '', , signature = ''] = genuine.split('.');
  const kid = String(JSON.parse(new TextDecoder().decode(base64url.decode(header))).kid);
  const signer = await usersSigner(database, tokenKeyEncryptionKey);
  const withUsersKey = (changes: Record<string, unknown>) =>
    new SignJWT({ ...claims, iat: now - 5, exp: now + 60, ...changes })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: 'JWT' })
      .sign(signer.key);
  const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const withStrangerKey = (strangerKid: string) =>
    new SignJWT({ ...claims, exp: now + 60 })
      .setProtectedHeader({ alg: 'EdDSA', kid: strangerKid, typ: 'JWT' })
      .sign(stranger.privateKey);
  const forgedPayload = base64url.encode(JSON.stringify({ ...claims }));
  const publicX = String((await exportJWK(stranger.publicKey)).x);
  return {
    'a genuine token whose claims were changed': `${header}.${forgedPayload}.${signature}`,
    'alg: none': new UnsecuredJWT({ ...claims, exp: now + 60 }).encode(),
    'alg: none naming users’ kid': `${base64url.encode(JSON.stringify({ alg: 'none', kid }))}.${forgedPayload}.`,
    'HS256 keyed with a public key': await new SignJWT({ ...claims, exp: now + 60 })
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(new TextEncoder().encode(publicX.padEnd(32, 'x'))),
    'users’ key, expired': await withUsersKey({ iat: now - 120, exp: now - 60 }),
    'users’ key, wrong audience': await withUsersKey({ aud: 'somebody-else' }),
    'users’ key, wrong issuer': await withUsersKey({ iss: 'trellis-impostor' }),
    'another key under an unknown kid': await withStrangerKey('no-such-kid'),
    'another key under users’ kid': await withStrangerKey(kid),
  };
}
