import { securityEvents, userSessions, users } from '@trellis/db/schema';
import { expectProblem } from '@trellis/kit/testing';
import { and, eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema } from '../src/routes/sessions/schema.ts';
import { UserSchema } from '../src/routes/users/schema.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await createUsersHarness();
});
afterAll(async () => {
  await h.database.drop();
});

let userCount = 0;

/** A user with a password, created by the admin (with roles when given). */
async function createUser(roles?: string[]) {
  userCount++;
  const email = `person${userCount}@example.com`;
  const password = `password number ${userCount}`;
  const res = await h.request('/v1/users', {
    method: 'POST',
    json: { email, name: `Person ${userCount}`, password, ...(roles ? { roles } : {}) },
  });
  expect(res.status).toBe(201);
  return { ...UserSchema.parse(await res.json()), password };
}

async function signIn(email: string, password: string) {
  const res = await h.anonymous('/v1/sessions', { method: 'POST', json: { email, password } });
  expect(res.status, await res.clone().text()).toBe(201);
  return SessionSchema.parse(await res.json());
}

const refresh = (refreshToken: string) =>
  h.anonymous('/v1/sessions/refresh', { method: 'POST', json: { refreshToken } });

const signOut = (refreshToken: string) =>
  h.anonymous('/v1/sessions/sign-out', { method: 'POST', json: { refreshToken } });

async function claimsOf(accessToken: string) {
  const jwks = await (await h.anonymous('/.well-known/jwks.json')).json();
  const { payload, protectedHeader } = await jwtVerify(accessToken, createLocalJWKSet(jwks), {
    issuer: 'trellis-users',
    audience: 'trellis',
    algorithms: ['EdDSA'],
    currentDate: h.clock.now,
  });
  return { payload, protectedHeader };
}

async function sessionOf(sessionId: string) {
  const [row] = await h.database.db
    .select()
    .from(userSessions)
    .where(eq(userSessions.id, sessionId));
  return row;
}

async function auditOf(action: string, subject: string) {
  return h.database.db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.action, action), eq(securityEvents.subject, subject)));
}

describe('POST /v1/sessions', () => {
  it('signs in with an EdDSA access token naming the user, roles and session, and a refresh token', async () => {
    const user = await createUser(['operator']);
    const res = await h.anonymous('/v1/sessions', {
      method: 'POST',
      json: { email: user.email.toUpperCase(), password: user.password },
      headers: { 'user-agent': 'trellis-test/1.0' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const session = SessionSchema.parse(await res.json());
    expect(session).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 2_592_000,
    });
    expect(session.user.id).toBe(user.id);
    const { payload, protectedHeader } = await claimsOf(session.accessToken);
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({ sub: user.id, email: user.email, roles: ['operator'] });
    expect(payload.exp).toBe(Math.floor(h.clock.now.getTime() / 1000) + 900);
    expect((await sessionOf(String(payload.sid)))?.userId).toBe(user.id);
    const [audit] = await auditOf('session.sign_in', user.id);
    expect(audit).toMatchObject({ outcome: 'ok', userAgent: 'trellis-test/1.0' });
    expect(audit?.detail).toEqual({ sessionId: payload.sid });
  });

  it('gives the access token to users itself as a bearer, for the account it names', async () => {
    const user = await createUser();
    const { accessToken } = await signIn(user.email, user.password);
    const res = await h.anonymous(`/v1/users/${user.id}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike with 401, auditing both', async () => {
    const user = await createUser();
    const wrong = await expectProblem(
      await h.anonymous('/v1/sessions', {
        method: 'POST',
        json: { email: user.email, password: 'the wrong one' },
      }),
      401,
    );
    const unknown = await expectProblem(
      await h.anonymous('/v1/sessions', {
        method: 'POST',
        json: { email: 'nobody@example.com', password: 'the wrong one' },
      }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
    const [refused] = await auditOf('session.sign_in', user.id);
    expect(refused).toMatchObject({ outcome: 'refused', detail: { reason: 'wrong_password' } });
    const anonymous = await h.database.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.action, 'session.sign_in'));
    expect(anonymous.map((row) => row.detail)).toContainEqual({
      email: 'nobody@example.com',
      reason: 'unknown_email',
    });
  });

  it('refuses a suspended account with 403', async () => {
    const user = await createUser();
    await h.request(`/v1/users/${user.id}/suspend`, { method: 'POST' });
    await expectProblem(
      await h.anonymous('/v1/sessions', {
        method: 'POST',
        json: { email: user.email, password: user.password },
      }),
      403,
    );
  });

  it('answers a missing password, and a body not sent as JSON, with 400 before any check', async () => {
    await expectProblem(
      await h.anonymous('/v1/sessions', { method: 'POST', json: { email: 'pw@example.com' } }),
      400,
      'password',
    );
    const user = await createUser();
    const res = await h.anonymous('/v1/sessions', {
      method: 'POST',
      body: JSON.stringify({ email: user.email, password: user.password }),
      headers: { 'content-type': 'text/plain' },
    });
    expect([400, 415]).toContain(res.status);
  });
});

describe('POST /v1/sessions/refresh', () => {
  it('spends the refresh token for new tokens of the same session', async () => {
    const user = await createUser();
    const first = await signIn(user.email, user.password);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(201);
    const second = SessionSchema.parse(await res.json());
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const before = await claimsOf(first.accessToken);
    const after = await claimsOf(second.accessToken);
    expect(after.payload.sid).toBe(before.payload.sid);
    expect(after.payload.iat).toBe(Number(before.payload.iat) + 60);
    expect((await refresh(second.refreshToken)).status).toBe(201);
  });

  it('revokes the whole family when a spent refresh token comes back, and audits it', async () => {
    const user = await createUser();
    const first = await signIn(user.email, user.password);
    const second = SessionSchema.parse(await (await refresh(first.refreshToken)).json());
    const reused = await expectProblem(await refresh(first.refreshToken), 401);
    expect(reused.detail).toContain('already used');
    // The thief's copy and the owner's both die: the owner's next refresh fails too.
    await expectProblem(await refresh(second.refreshToken), 401);
    const { payload } = await claimsOf(first.accessToken);
    expect(await sessionOf(String(payload.sid))).toMatchObject({ revokedReason: 'reuse' });
    const [audit] = await auditOf('session.refresh_reuse', user.id);
    expect(audit).toMatchObject({ outcome: 'refused', detail: { reason: 'reused' } });
  });

  it('lets exactly one of several racing refreshes of one token through, and ends the session', async () => {
    const user = await createUser();
    const { refreshToken } = await signIn(user.email, user.password);
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async () => (await refresh(refreshToken)).status),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    const [audit] = await auditOf('session.refresh_reuse', user.id);
    expect(audit).toBeDefined();
  });

  it("refuses a suspended user's refresh with 401 and ends their session", async () => {
    const user = await createUser();
    const { refreshToken, accessToken } = await signIn(user.email, user.password);
    // Suspended behind the service's back, so the refresh itself must notice.
    await h.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, user.id));
    const problem = await expectProblem(await refresh(refreshToken), 401);
    expect(problem.detail).toContain('suspended');
    const { payload } = await claimsOf(accessToken);
    expect(await sessionOf(String(payload.sid))).toMatchObject({ revokedReason: 'suspended' });
  });

  it('ends every session of a user the moment they are suspended', async () => {
    const user = await createUser();
    const [one, two] = [
      await signIn(user.email, user.password),
      await signIn(user.email, user.password),
    ];
    expect((await h.request(`/v1/users/${user.id}/suspend`, { method: 'POST' })).status).toBe(200);
    await expectProblem(await refresh(one.refreshToken), 401);
    await expectProblem(await refresh(two.refreshToken), 401);
    const [audit] = await auditOf('user.suspended', user.id);
    expect(audit).toMatchObject({ outcome: 'ok', actor: 'usr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(audit?.detail).toEqual({ sessionsRevoked: 2 });
  });

  it("gives a demoted user's next access token their new roles", async () => {
    const user = await createUser(['admin']);
    const session = await signIn(user.email, user.password);
    expect((await claimsOf(session.accessToken)).payload.roles).toEqual(['admin']);
    const demoted = await h.request(`/v1/users/${user.id}`, {
      method: 'PATCH',
      json: { roles: ['member'] },
    });
    expect(demoted.status).toBe(200);
    const next = SessionSchema.parse(await (await refresh(session.refreshToken)).json());
    expect((await claimsOf(next.accessToken)).payload.roles).toEqual(['member']);
    expect(next.user.roles).toEqual(['member']);
  });

  it('refuses an unknown refresh token with 401 and a malformed body with 400', async () => {
    await expectProblem(await refresh('not-a-token-users-issued'), 401);
    await expectProblem(
      await h.anonymous('/v1/sessions/refresh', { method: 'POST', json: {} }),
      400,
      'refreshToken',
    );
  });
});

describe('refresh tokens that expire', () => {
  it('refuses a refresh token past its lifetime with 401', async () => {
    const short = await createUsersHarness({ refreshTokenTtlSeconds: 60 });
    try {
      const created = await short.request('/v1/users', {
        method: 'POST',
        json: { email: 'brief@example.com', name: 'Brief', password: 'a short session' },
      });
      expect(created.status).toBe(201);
      const signedIn = await short.anonymous('/v1/sessions', {
        method: 'POST',
        json: { email: 'brief@example.com', password: 'a short session' },
      });
      const session = SessionSchema.parse(await signedIn.json());
      expect(session.refreshExpiresIn).toBe(60);
      short.clock.now = new Date(short.clock.now.getTime() + 61_000);
      const problem = await expectProblem(
        await short.anonymous('/v1/sessions/refresh', {
          method: 'POST',
          json: { refreshToken: session.refreshToken },
        }),
        401,
      );
      expect(problem.detail).toContain('expired');
    } finally {
      await short.database.drop();
    }
  });
});

describe('POST /v1/sessions/sign-out', () => {
  it('ends the session with 204: its refresh tokens stop working; again and unknown are 204 too', async () => {
    const user = await createUser();
    const session = await signIn(user.email, user.password);
    const res = await signOut(session.refreshToken);
    expect(res.status).toBe(204);
    await expectProblem(await refresh(session.refreshToken), 401);
    expect((await signOut(session.refreshToken)).status).toBe(204);
    expect((await signOut('never-issued')).status).toBe(204);
    const { payload } = await claimsOf(session.accessToken);
    expect(await sessionOf(String(payload.sid))).toMatchObject({ revokedReason: 'sign_out' });
    expect(await auditOf('session.sign_out', user.id)).toHaveLength(1);
  });
});

describe('the time a refused sign-in takes', () => {
  it('is spent on a full password hash for an unknown email too, as for a wrong password', async () => {
    const slow = await createUsersHarness({ passwordIterations: 100_000 });
    try {
      await slow.request('/v1/users', {
        method: 'POST',
        json: { email: 'timed@example.com', name: 'Timed', password: 'the right one' },
      });
      const timed = async (email: string) => {
        const started = performance.now();
        const res = await slow.anonymous('/v1/sessions', {
          method: 'POST',
          json: { email, password: 'the wrong one' },
        });
        expect(res.status).toBe(401);
        return performance.now() - started;
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[1] as number;
      await timed('warm-up@example.com');
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        wrong.push(await timed('timed@example.com'));
        unknown.push(await timed(`unknown${i}@example.com`));
      }
      // A skipped hash would take a hundredth of the time; a loaded machine varies far less.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
    } finally {
      await slow.database.drop();
    }
  });
});
