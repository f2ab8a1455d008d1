import { securityEvents, signingKeys } from '@trellis/db/schema';
import { decodeEncryptionKey } from '@trellis/kit';
import { expectProblem } from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { base64url, decodeProtectedHeader, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwksSchema, SigningKeySchema } from '../src/routes/signing-keys/schema.ts';
import { UserSchema } from '../src/routes/users/schema.ts';
import { createSigningKeyStore } from '../src/signing-keys.ts';
import { testAdmin, testTokenKeyEncryptionKey } from '../src/testing.ts';
import { tokenKeyMaterial } from '../src/token-key.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;
let member: { id: string; roles: ['member'] };

beforeAll(async () => {
  h = await createUsersHarness({ accessTokenTtlSeconds: 3 });
  const res = await h.request('/v1/users', {
    method: 'POST',
    json: { email: 'keys@example.com', name: 'Keys', password: 'turn the key' },
  });
  member = { id: UserSchema.parse(await res.json()).id, roles: ['member'] };
});
afterAll(async () => {
  await h.database.drop();
});

const jwks = async () =>
  JwksSchema.parse(await (await h.anonymous('/.well-known/jwks.json')).json());

const ownAccount = (token: string) =>
  h.anonymous(`/v1/users/${member.id}`, { headers: { authorization: `Bearer ${token}` } });

const keyOptions = () => {
  const { cipher } = tokenKeyMaterial(crypto.getRandomValues(new Uint8Array(32)));
  return { db: h.database.db, cipher, now: () => h.clock.now, accessTokenTtlSeconds: 3 };
};

describe('GET /.well-known/jwks.json', () => {
  it('publishes the signing key to anyone, cacheable for a short while, never its private part', async () => {
    const res = await h.anonymous('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const { keys } = JwksSchema.parse(await res.clone().json());
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(await res.text()).not.toContain('"d"');
  });

  it('keeps the private key sealed in the database', async () => {
    const rows = await h.database.db.select().from(signingKeys);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.privateJwk).toMatch(/^enc:v1:/);
      expect(row.privateJwk).not.toContain(String(row.publicJwk.x));
    }
  });
});

describe('the first signing key', () => {
  it('is made once, however many instances start together on an empty database', async () => {
    const fresh = await createUsersHarness();
    try {
      const options = { ...keyOptions(), db: fresh.database.db };
      const stores = Array.from({ length: 5 }, () => createSigningKeyStore(options));
      const made = await Promise.all(stores.map((store) => store.ensureSigner()));
      expect(made.filter(Boolean)).toHaveLength(1);
      const signers = await Promise.all(stores.map(async (store) => (await store.signer()).kid));
      expect(new Set(signers).size).toBe(1);
      expect(await fresh.database.db.select().from(signingKeys)).toHaveLength(1);
    } finally {
      await fresh.database.drop();
    }
  });

  it('cannot be used under another TOKEN_KEY_ENCRYPTION_KEY', async () => {
    await h.keys.signer();
    const stranger = createSigningKeyStore(keyOptions());
    await expect(stranger.signer()).rejects.toThrow();
  });
});

describe('POST /v1/signing-keys/rotate', () => {
  it('signs with a new key at once while tokens of the old one keep verifying until they expire', async () => {
    const before = await h.tokenFor(member);
    const oldKid = decodeProtectedHeader(before).kid;
    const res = await h.request('/v1/signing-keys/rotate', { method: 'POST' });
    expect(res.status).toBe(201);
    const rotated = SigningKeySchema.parse(await res.json());
    expect(rotated.retiredKid).toBe(oldKid);
    expect(rotated.kid).not.toBe(oldKid);
    const after = await h.tokenFor(member);
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([rotated.kid, oldKid]);
    expect((await ownAccount(before)).status).toBe(200);
    expect((await ownAccount(after)).status).toBe(200);
    const [audit] = await h.database.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.subject, rotated.kid));
    expect(audit).toMatchObject({
      action: 'signing_key.rotated',
      actor: testAdmin.id,
      detail: { retired: oldKid },
    });
    // Past every token's life (3 s) and the margin, the old key leaves the JWKS.
    h.clock.now = new Date(h.clock.now.getTime() + 64_000);
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([rotated.kid]);
  });

  it('verifies tokens of a key another instance rotated to, on first sight of its kid', async () => {
    const elsewhere = createSigningKeyStore({
      ...keyOptions(),
      cipher: tokenKeyMaterial(
        decodeEncryptionKey(testTokenKeyEncryptionKey) as Uint8Array<ArrayBuffer>,
      ).cipher,
    });
    await elsewhere.rotate();
    const token = await h.tokenFor(member);
    expect((await ownAccount(token)).status).toBe(200);
  });

  it('is for admins: 403 for an operator, 401 for the anonymous', async () => {
    const operator = h.requestAs({ id: `usr_${'b'.repeat(32)}`, roles: ['operator'] });
    await expectProblem(await operator('/v1/signing-keys/rotate', { method: 'POST' }), 403);
    await expectProblem(await h.anonymous('/v1/signing-keys/rotate', { method: 'POST' }), 401);
  });
});

describe('access tokens users refuses', () => {
  const claims = () => ({ email: 'keys@example.com', roles: ['admin'], sid: 'ses_forged' });
  const now = () => Math.floor(h.clock.now.getTime() / 1000);
  const signed = async (
    key: CryptoKey | Uint8Array,
    header: { alg: string; kid?: string },
    options: { iss?: string; aud?: string; exp?: number } = {},
  ) =>
    new SignJWT(claims())
      .setProtectedHeader({ typ: 'JWT', ...header })
      .setSubject(member.id)
      .setIssuer(options.iss ?? 'trellis-users')
      .setAudience(options.aud ?? 'trellis')
      .setIssuedAt(now())
      .setExpirationTime(options.exp ?? now() + 60)
      .sign(key);

  async function expectRefused(token: string) {
    const res = await ownAccount(token);
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  }

  it('refuses a token signed by a key users never published under a published kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const { kid } = (await jwks()).keys[0] ?? {};
    await expectRefused(await signed(privateKey, { alg: 'EdDSA', kid }));
  });

  it('refuses alg none, and HS256 keyed with the public key', async () => {
    const unsecured = new UnsecuredJWT(claims())
      .setSubject(member.id)
      .setIssuer('trellis-users')
      .setAudience('trellis')
      .setExpirationTime(now() + 60)
      .encode();
    await expectRefused(unsecured);
    const [published] = (await jwks()).keys;
    const publicBytes = base64url.decode(String(published?.x));
    await expectRefused(await signed(publicBytes, { alg: 'HS256', kid: published?.kid }));
  });

  it('refuses an unknown kid, a wrong audience, a wrong issuer and an expired token', async () => {
    const signer = await h.keys.signer();
    await expectRefused(await signed(signer.key, { alg: 'EdDSA', kid: 'no-such-kid' }));
    await expectRefused(
      await signed(signer.key, { alg: 'EdDSA', kid: signer.kid }, { aud: 'orders' }),
    );
    await expectRefused(
      await signed(signer.key, { alg: 'EdDSA', kid: signer.kid }, { iss: 'trellis-evil' }),
    );
    await expectRefused(
      await signed(signer.key, { alg: 'EdDSA', kid: signer.kid }, { exp: now() - 1 }),
    );
    expect(
      (await ownAccount(await signed(signer.key, { alg: 'EdDSA', kid: signer.kid }))).status,
    ).toBe(200);
  });

  it('refuses a token past its TTL (3 s here) that it accepted before', async () => {
    const token = await h.tokenFor(member);
    expect((await ownAccount(token)).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 3_000);
    await expectRefused(token);
  });
});
