import { requestHash } from '@trellis/db';
import { idempotencyKeys, outbox, users } from '@trellis/db/schema';
import { expectIdempotentRace, expectKeyReuseRefused, expectProblem } from '@trellis/kit/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResultSchema, UserPageSchema, UserSchema } from '../src/routes/users/schema.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await createUsersHarness();
});
afterAll(async () => {
  await h.database.drop();
});

async function createUser(body: Record<string, unknown>) {
  const res = await h.request('/v1/users', { method: 'POST', json: body });
  return { res, body: (await res.clone().json()) as Record<string, unknown> };
}

describe('POST /v1/users', () => {
  it('creates a user with a prefixed id, default member role and no password in the response', async () => {
    const { res, body } = await createUser({
      email: 'Ada@Example.com',
      name: 'Ada Lovelace',
      password: 'analytical engine',
    });
    expect(res.status).toBe(201);
    const user = UserSchema.parse(body);
    expect(user.id).toMatch(/^usr_[0-9a-f]{32}$/);
    expect(user.roles).toEqual(['member']);
    expect(user.status).toBe('active');
    expect(JSON.stringify(body)).not.toMatch(/password|pbkdf2/i);
    expect(res.headers.get('location')).toBe(`/v1/users/${user.id}`);
  });

  it('refuses an email already taken, compared case-insensitively, with 409', async () => {
    await createUser({ email: 'grace@example.com', name: 'Grace Hopper' });
    const { res } = await createUser({ email: 'GRACE@example.COM', name: 'Other Grace' });
    const problem = await expectProblem(res, 409, 'email');
    expect(problem.detail).toContain('GRACE@example.COM');
  });

  it('writes user.created to the outbox in the same transaction, with the trace context', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await h.request('/v1/users', {
      method: 'POST',
      json: { email: 'linus@example.com', name: 'Linus' },
      headers: { traceparent, 'x-request-id': 'req-create-linus' },
    });
    const user = UserSchema.parse(await res.json());
    const events = await h.database.db.select().from(outbox).where(eq(outbox.aggregateId, user.id));
    expect(events).toHaveLength(1);
    expect(events[0]?.eventType).toBe('user.created');
    expect(events[0]?.payload).toMatchObject({ user: { id: user.id, email: 'linus@example.com' } });
    expect(events[0]?.headers.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/,
    );
    expect(events[0]?.headers['x-request-id']).toBe('req-create-linus');
  });

  it.each([
    ['a missing field', { name: 'No Email' }, 'email'],
    ['a wrong type', { email: 'x@example.com', name: 42 }, 'name'],
    ['a bad enum', { email: 'y@example.com', name: 'Y', roles: ['root'] }, 'roles[0]'],
    [
      'an oversize list',
      { email: 'z@example.com', name: 'Z', roles: ['member', 'member', 'member', 'member'] },
      'roles',
    ],
    ['a malformed email', { email: 'not-an-email', name: 'Q' }, 'email'],
    ['a short password', { email: 'p@example.com', name: 'P', password: 'short' }, 'password'],
    ['an unknown field', { email: 'u@example.com', name: 'U', admin: true }, ''],
  ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
    const { res } = await createUser(body);
    await expectProblem(res, 400, field);
  });

  it('answers a body that is not JSON with a 400 problem', async () => {
    const res = await h.request('/v1/users', {
      method: 'POST',
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    await expectProblem(res, 400);
  });

  it('never logs the password', async () => {
    await createUser({ email: 'secret@example.com', name: 'S', password: 'hunter2hunter2' });
    expect(JSON.stringify(h.logLines)).not.toContain('hunter2hunter2');
  });
});

describe('POST /v1/users with an Idempotency-Key', () => {
  it('creates exactly one user when eight requests with one key race, all answered alike', async () => {
    const body = { email: 'racer@example.com', name: 'Racer', password: 'a race to the finish' };
    const user = UserSchema.parse(await expectIdempotentRace(h.request, '/v1/users', body));
    const rows = await h.database.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'racer@example.com'`);
    expect(rows.map((row) => row.id)).toEqual([user.id]);
    const events = await h.database.db.select().from(outbox).where(eq(outbox.aggregateId, user.id));
    expect(events).toHaveLength(1);
  });

  it('refuses the same key with another body with 422 naming the header', async () => {
    await expectKeyReuseRefused(
      h.request,
      '/v1/users',
      { email: 'reuse@example.com', name: 'Reuse' },
      { email: 'reuse2@example.com', name: 'Reuse' },
    );
  });

  it('tells passwords apart under one key, yet stores no digest of the password anyone could test', async () => {
    const body = { email: 'digest@example.com', name: 'Digest', password: 'first secret words' };
    await expectKeyReuseRefused(h.request, '/v1/users', body, {
      ...body,
      password: 'second secret words',
    });
    const stored = await h.database.db.select().from(idempotencyKeys);
    const plainDigest = await requestHash(body);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((row) => row.requestHash)).not.toContain(plainDigest);
  });

  it('replays the first answer to a retry even after the user changed', async () => {
    const headers = { 'idempotency-key': `retry-${crypto.randomUUID()}` };
    const json = { email: 'retry@example.com', name: 'Retry' };
    const first = await h.request('/v1/users', { method: 'POST', json, headers });
    const created = UserSchema.parse(await first.json());
    await h.request(`/v1/users/${created.id}/suspend`, { method: 'POST' });
    const again = await h.request('/v1/users', { method: 'POST', json, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(UserSchema.parse(await again.json())).toEqual(created);
  });
});

describe('POST /v1/users with requireStrongPasswords, a live config flag', () => {
  it('refuses a weak password with 422 naming password while the flag is on, and not after', async () => {
    h.config.set({ requireStrongPasswords: true });
    try {
      for (const password of ['short pass', 'onlylettersatall']) {
        const { res } = await createUser({ email: 'weak@example.com', name: 'W', password });
        await expectProblem(res, 422, 'password');
      }
      const strong = await createUser({
        email: 'strong@example.com',
        name: 'S',
        password: 'correct horse 42',
      });
      expect(strong.res.status).toBe(201);
      const noPassword = await createUser({ email: 'nopass@example.com', name: 'N' });
      expect(noPassword.res.status).toBe(201);
    } finally {
      h.config.set({});
    }
    const { res } = await createUser({
      email: 'weak@example.com',
      name: 'W',
      password: 'short pass',
    });
    expect(res.status).toBe(201);
  });
});

describe('GET /v1/users/{id}', () => {
  it('returns the user with an ETag and answers 304 to a matching If-None-Match', async () => {
    const { body } = await createUser({ email: 'etag@example.com', name: 'E Tag' });
    const res = await h.request(`/v1/users/${body.id}`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${body.id}.v1"`);
    expect(UserSchema.parse(await res.json()).email).toBe('etag@example.com');
    const again = await h.request(`/v1/users/${body.id}`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers an unknown id with 404 and a malformed id with 400', async () => {
    await expectProblem(await h.request(`/v1/users/usr_${'0'.repeat(32)}`), 404);
    await expectProblem(await h.request('/v1/users/nope'), 400, 'id');
  });
});

describe('GET /v1/users', () => {
  it('searches by name or email, filters by status and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await createUser({ email: `pager${i}@example.com`, name: `Pager ${i}` });
    }
    const first = UserPageSchema.parse(await (await h.request('/v1/users?q=pager&limit=2')).json());
    expect(first.items).toHaveLength(2);
    expect(first.items[0]?.name).toBe('Pager 4');
    expect(first.nextCursor).toBeTruthy();
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = UserPageSchema.parse(
        await (await h.request(`/v1/users?q=PAGER&limit=2&cursor=${cursor}`)).json(),
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((u) => u.name)).toEqual([
      'Pager 4',
      'Pager 3',
      'Pager 2',
      'Pager 1',
      'Pager 0',
    ]);
    const suspended = UserPageSchema.parse(
      await (await h.request('/v1/users?status=suspended&q=pager')).json(),
    );
    expect(suspended.items).toHaveLength(0);
  });

  it('treats % and _ in the search text literally', async () => {
    const page = UserPageSchema.parse(await (await h.request('/v1/users?q=%25')).json());
    expect(page.items).toHaveLength(0);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=abc', 'limit'],
    ['status=deleted', 'status'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers %s with a 400 problem naming the field', async (query, field) => {
    await expectProblem(await h.request(`/v1/users?${query}`), 400, field);
  });
});

describe('PATCH /v1/users/{id}', () => {
  it('updates when If-Match is current and refuses a stale one with 412', async () => {
    const { body } = await createUser({ email: 'patch@example.com', name: 'Patch' });
    const etag = `"${body.id}.v1"`;
    const ok = await h.request(`/v1/users/${body.id}`, {
      method: 'PATCH',
      json: { name: 'Patched', roles: ['operator', 'member'] },
      headers: { 'if-match': etag },
    });
    expect(ok.status).toBe(200);
    const updated = UserSchema.parse(await ok.json());
    expect(updated).toMatchObject({ name: 'Patched', roles: ['member', 'operator'], version: 2 });
    expect(ok.headers.get('etag')).toBe(`"${body.id}.v2"`);
    const stale = await h.request(`/v1/users/${body.id}`, {
      method: 'PATCH',
      json: { name: 'Too late' },
      headers: { 'if-match': etag },
    });
    await expectProblem(stale, 412, 'if-match');
  });

  it('refuses an empty change and an email taken by someone else', async () => {
    const { body } = await createUser({ email: 'owner@example.com', name: 'Owner' });
    await createUser({ email: 'other@example.com', name: 'Other' });
    await expectProblem(
      await h.request(`/v1/users/${body.id}`, { method: 'PATCH', json: {} }),
      400,
    );
    await expectProblem(
      await h.request(`/v1/users/${body.id}`, {
        method: 'PATCH',
        json: { email: 'OTHER@example.com' },
      }),
      409,
      'email',
    );
  });
});

describe('suspend and reactivate', () => {
  it('moves active → suspended → active, writes events, and refuses repeats with 409', async () => {
    const { body } = await createUser({ email: 'susp@example.com', name: 'Susp' });
    const suspended = await h.request(`/v1/users/${body.id}/suspend`, { method: 'POST' });
    expect(UserSchema.parse(await suspended.json()).status).toBe('suspended');
    const again = await h.request(`/v1/users/${body.id}/suspend`, { method: 'POST' });
    const problem = await expectProblem(again, 409);
    expect(problem.detail).toContain('suspended');
    expect(problem.currentStatus).toBe('suspended');
    const back = await h.request(`/v1/users/${body.id}/reactivate`, { method: 'POST' });
    expect(UserSchema.parse(await back.json()).status).toBe('active');
    const events = await h.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.aggregateId, String(body.id)))
      .orderBy(asc(outbox.id));
    expect(events.map((e) => e.eventType)).toEqual([
      'user.created',
      'user.suspended',
      'user.reactivated',
    ]);
  });

  it('suspends with a current If-Match and refuses a stale one with 412, changing nothing', async () => {
    const { body } = await createUser({ email: 'cond@example.com', name: 'Cond' });
    await h.request(`/v1/users/${body.id}`, { method: 'PATCH', json: { name: 'Cond 2' } });
    const stale = await h.request(`/v1/users/${body.id}/suspend`, {
      method: 'POST',
      headers: { 'if-match': `"${body.id}.v1"` },
    });
    const problem = await expectProblem(stale, 412, 'if-match');
    expect(problem.currentEtag).toBe(`"${body.id}.v2"`);
    const fresh = await h.request(`/v1/users/${body.id}/suspend`, {
      method: 'POST',
      headers: { 'if-match': `"${body.id}.v2"` },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"${body.id}.v3"`);
    expect(UserSchema.parse(await fresh.json()).status).toBe('suspended');
    const reactivate = await h.request(`/v1/users/${body.id}/reactivate`, {
      method: 'POST',
      headers: { 'if-match': `"${body.id}.v2"` },
    });
    await expectProblem(reactivate, 412, 'if-match');
  });

  it('answers an unknown user with 404', async () => {
    await expectProblem(
      await h.request(`/v1/users/usr_${'1'.repeat(32)}/suspend`, { method: 'POST' }),
      404,
    );
  });
});

describe('POST /v1/users/lookup', () => {
  it('returns the users found in the order asked and the ids that are missing', async () => {
    const a = await createUser({ email: 'la@example.com', name: 'LA' });
    const b = await createUser({ email: 'lb@example.com', name: 'LB' });
    const missing = `usr_${'2'.repeat(32)}`;
    const res = await h.request('/v1/users/lookup', {
      method: 'POST',
      json: { ids: [b.body.id, missing, a.body.id] },
    });
    const result = LookupResultSchema.parse(await res.json());
    expect(result.items.map((u) => u.id)).toEqual([b.body.id, a.body.id]);
    expect(result.missing).toEqual([missing]);
  });

  it('refuses more than 100 ids and malformed ids with a 400 naming the field', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `usr_${i.toString(16).padStart(32, '0')}`);
    await expectProblem(
      await h.request('/v1/users/lookup', { method: 'POST', json: { ids } }),
      400,
      'ids',
    );
    await expectProblem(
      await h.request('/v1/users/lookup', { method: 'POST', json: { ids: ['x'] } }),
      400,
      'ids[0]',
    );
    await expectProblem(
      await h.request('/v1/users/lookup', { method: 'POST', json: { ids: [] } }),
      400,
      'ids',
    );
  });
});

describe('malformed input on every endpoint', () => {
  const someId = `usr_${'3'.repeat(32)}`;
  it.each([
    ['POST /v1/users', '/v1/users', 'POST', { email: 'm@example.com' }, 'name'],
    ['GET /v1/users/{id}', '/v1/users/usr_short', 'GET', undefined, 'id'],
    ['GET /v1/users', '/v1/users?status=banned', 'GET', undefined, 'status'],
    ['PATCH /v1/users/{id}', `/v1/users/${someId}`, 'PATCH', { roles: 'admin' }, 'roles'],
    ['POST /v1/users/{id}/suspend', '/v1/users/42/suspend', 'POST', undefined, 'id'],
    ['POST /v1/users/{id}/reactivate', '/v1/users/42/reactivate', 'POST', undefined, 'id'],
    ['POST /v1/users/lookup', '/v1/users/lookup', 'POST', { ids: 'usr_1' }, 'ids'],
    ['POST /v1/sessions', '/v1/sessions', 'POST', { email: 7, password: 'x' }, 'email'],
  ])('%s answers with a 400 problem naming the field', async (_name, path, method, json, field) => {
    const res = await h.request(path, { method, ...(json !== undefined ? { json } : {}) });
    await expectProblem(res, 400, field);
  });
});
