import { EncryptJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  deriveSessionKey,
  type IssuedTokens,
  openSession,
  renewalTime,
  type Session,
  sealSession,
  sessionCookieOptions,
  sessionFrom,
} from '../../src/lib/session-token.ts';

const key = deriveSessionKey('a test secret that is long enough to use');
const otherKey = deriveSessionKey('another secret that is just as long as that');
const signedInAt = new Date('2026-11-26T10:00:00Z');
const epoch = signedInAt.getTime() / 1000;
const admin: Session = {
  userId: 'usr_1',
  email: 'admin@trellis.local',
  name: 'Admin',
  role: 'admin',
  sessionId: 'ses_1',
  accessToken: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c3JfMSJ9.signature',
  accessExpiresAt: epoch + 900,
  renewAt: epoch + 840,
  refreshToken: 'opaque-refresh-token-of-the-admin',
  expiresAt: epoch + 3600,
};

/** An access token as users issues it; its signature is not what the console looks at. */
function accessToken(claims: Record<string, unknown>): string {
  return new UnsecuredJWT(claims).encode();
}

function issued(roles: string[], overrides: Partial<IssuedTokens> = {}): IssuedTokens {
  return {
    accessToken: accessToken({ sub: 'usr_1', roles, sid: 'ses_9' }),
    refreshToken: 'rt-1',
    expiresIn: 900,
    refreshExpiresIn: 30 * 86_400,
    user: { id: 'usr_1', email: 'admin@trellis.local', name: 'Admin', roles },
    ...overrides,
  };
}

describe('the session cookie', () => {
  it('opens what it sealed, until the session ends', async () => {
    const token = await sealSession(admin, key, signedInAt);
    expect(await openSession(token, key, signedInAt)).toEqual(admin);
    expect(await openSession(token, key, new Date('2026-11-26T11:00:01Z'))).toBeUndefined();
  });

  it('cannot be read without the key: the tokens inside are encrypted, not just signed', async () => {
    const token = await sealSession(admin, key);
    const parts = token.split('.');
    expect(parts).toHaveLength(5);
    for (const part of parts) {
      const text = Buffer.from(part, 'base64url').toString('latin1');
      expect(text).not.toContain('admin@');
      expect(text).not.toContain('eyJzdWIi');
      expect(text).not.toContain('opaque-refresh');
    }
  });

  it('refuses a token sealed with another key, a tampered token, and garbage', async () => {
    const forged = await sealSession(admin, otherKey);
    expect(await openSession(forged, key)).toBeUndefined();
    const parts = (await sealSession(admin, key)).split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext.slice(0, -2)}${ciphertext.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await openSession(parts.join('.'), key)).toBeUndefined();
    expect(await openSession('not-a-token', key)).toBeUndefined();
    expect(await openSession(undefined, key)).toBeUndefined();
  });

  it('refuses a well-sealed token whose role is not a console role', async () => {
    const { userId: _userId, expiresAt: _expiresAt, ...claims } = admin;
    const token = await new EncryptJWT({ ...claims, role: 'member' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setSubject('usr_2')
      .setAudience('trellis-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encrypt(key);
    expect(await openSession(token, key)).toBeUndefined();
  });

  it('refuses a session from before refresh tokens, which the console could not renew', async () => {
    const token = await new EncryptJWT({
      email: admin.email,
      name: admin.name,
      role: 'admin',
      accessToken: admin.accessToken,
    })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setSubject(admin.userId)
      .setAudience('trellis-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encrypt(key);
    expect(await openSession(token, key)).toBeUndefined();
  });

  it('is Secure only over https, and lasts as long as the session', () => {
    const now = Date.now() / 1000;
    const options = sessionCookieOptions({ expiresAt: now + 600 }, true);
    expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
    expect(options.maxAge).toBeGreaterThanOrEqual(598);
    expect(options.maxAge).toBeLessThanOrEqual(600);
    expect(sessionCookieOptions({ expiresAt: now + 600 }, false).secure).toBe(false);
  });
});

describe('renewal', () => {
  it('renews in the last third of a short token, and in the last minute of a long one', () => {
    expect(renewalTime(1000, 3)).toBe(1002);
    expect(renewalTime(1000, 90)).toBe(1060);
    expect(renewalTime(1000, 900)).toBe(1840);
  });
});

describe('a session from the tokens users issued', () => {
  it('takes the console role, the refresh family and the lifetimes from the tokens', () => {
    const made = sessionFrom(issued(['member', 'admin']), epoch + 28_800, signedInAt);
    expect(made).toEqual({
      ok: true,
      session: {
        userId: 'usr_1',
        email: 'admin@trellis.local',
        name: 'Admin',
        role: 'admin',
        sessionId: 'ses_9',
        accessToken: expect.any(String),
        accessExpiresAt: epoch + 900,
        renewAt: epoch + 840,
        refreshToken: 'rt-1',
        expiresAt: epoch + 28_800,
      },
    });
  });

  it("takes the role from the access token's claims, not from what the answer says beside it", () => {
    const demoted = issued(['member', 'operator'], {
      user: { id: 'usr_1', email: 'a@x', name: 'A', roles: ['admin'] },
    });
    const made = sessionFrom(demoted, epoch + 28_800, signedInAt);
    expect(made.ok && made.session.role).toBe('operator');
  });

  it('gives a member no session, and ends no later than the refresh token', () => {
    expect(sessionFrom(issued(['member']), epoch + 28_800, signedInAt)).toEqual({
      ok: false,
      roles: ['member'],
    });
    const short = sessionFrom(
      issued(['operator'], { refreshExpiresIn: 600 }),
      epoch + 28_800,
      signedInAt,
    );
    expect(short.ok && short.session.expiresAt).toBe(epoch + 600);
  });

  it('gives no session for an access token it cannot read', () => {
    expect(sessionFrom(issued(['admin'], { accessToken: 'garbage' }), epoch + 60).ok).toBe(false);
  });
});
