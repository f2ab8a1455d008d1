import { EncryptJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  deriveSessionKey,
  openSession,
  sealSession,
  sessionLifetime,
} from '../../src/lib/session-token.ts';

const key = deriveSessionKey('a test secret that is long enough to use');
const otherKey = deriveSessionKey('another secret that is just as long as that');
const admin = {
  userId: 'usr_1',
  email: 'admin@trellis.local',
  name: 'Admin',
  role: 'admin' as const,
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.signature',
};

describe('the session cookie', () => {
  it('opens what it sealed, until it expires', async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const { token, expiresAt } = await sealSession(admin, key, 3600, now);
    expect(await openSession(token, key, now)).toEqual({ ...admin, expiresAt });
    expect(await openSession(token, key, new Date('2026-11-26T11:00:01Z'))).toBeUndefined();
  });

  it('cannot be read without the key: the payload is encrypted, not just signed', async () => {
    const { token } = await sealSession(admin, key, 3600);
    const parts = token.split('.');
    expect(parts).toHaveLength(5);
    expect(Buffer.from(token, 'utf8').toString()).not.toContain('admin@trellis.local');
    for (const part of parts) {
      expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain('admin@');
      expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain('eyJzdWIi');
    }
  });

  it('refuses a token sealed with another key, a tampered token, and garbage', async () => {
    const forged = await sealSession(admin, otherKey, 3600);
    expect(await openSession(forged.token, key)).toBeUndefined();
    const { token } = await sealSession(admin, key, 3600);
    const parts = token.split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext.slice(0, -2)}${ciphertext.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await openSession(parts.join('.'), key)).toBeUndefined();
    expect(await openSession('not-a-token', key)).toBeUndefined();
    expect(await openSession(undefined, key)).toBeUndefined();
  });

  it('refuses a well-sealed token whose role is not a console role', async () => {
    const token = await new EncryptJWT({
      email: 'm@x',
      name: 'M',
      role: 'member',
      accessToken: admin.accessToken,
    })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setSubject('usr_2')
      .setAudience('trellis-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encrypt(key);
    expect(await openSession(token, key)).toBeUndefined();
  });

  it('refuses a session without the access token the console forwards to services', async () => {
    const token = await new EncryptJWT({ email: admin.email, name: admin.name, role: 'admin' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setSubject(admin.userId)
      .setAudience('trellis-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encrypt(key);
    expect(await openSession(token, key)).toBeUndefined();
  });

  it('ends no later than the access token it holds', () => {
    expect(sessionLifetime(28_800, 900)).toBe(895);
    expect(sessionLifetime(28_800, 86_400)).toBe(28_800);
    expect(sessionLifetime(3600, 3600)).toBe(3595);
  });
});
