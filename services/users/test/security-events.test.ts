import { expectProblem } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEventPageSchema } from '../src/routes/security-events/schema.ts';
import { UserSchema } from '../src/routes/users/schema.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;
let userId: string;

beforeAll(async () => {
  h = await createUsersHarness();
  const res = await h.request('/v1/users', {
    method: 'POST',
    json: { email: 'audited@example.com', name: 'Audited', password: 'watched closely' },
  });
  userId = UserSchema.parse(await res.json()).id;
  const signIn = (password: string) =>
    h.anonymous('/v1/sessions', {
      method: 'POST',
      json: { email: 'audited@example.com', password },
      headers: { 'user-agent': 'audit-test' },
    });
  expect((await signIn('watched closely')).status).toBe(201);
  expect((await signIn('not the password')).status).toBe(401);
  expect((await h.request(`/v1/users/${userId}/suspend`, { method: 'POST' })).status).toBe(200);
});
afterAll(async () => {
  await h.database.drop();
});

const page = async (query: string) =>
  SecurityEventPageSchema.parse(await (await h.request(`/v1/security-events${query}`)).json());

describe('GET /v1/security-events', () => {
  it("tells a user's story newest first: who, what, when, from where", async () => {
    const { items } = await page(`?subject=${userId}`);
    expect(items.map((event) => [event.action, event.outcome])).toEqual([
      ['user.suspended', 'ok'],
      ['session.sign_in', 'refused'],
      ['session.sign_in', 'ok'],
    ]);
    expect(items[1]).toMatchObject({
      actor: 'anonymous',
      userAgent: 'audit-test',
      at: h.clock.now.toISOString(),
      detail: { email: 'audited@example.com', reason: 'wrong_password' },
    });
  });

  it('filters by action and pages with a cursor', async () => {
    const first = await page('?action=session.sign_in&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.items[0]?.outcome).toBe('refused');
    const next = await page(`?action=session.sign_in&limit=1&cursor=${first.nextCursor}`);
    expect(next.items[0]?.outcome).toBe('ok');
    expect(next.nextCursor).toBeNull();
    const signingKeys = await page('?action=signing_key.created');
    expect(signingKeys.items).toHaveLength(1);
    expect(signingKeys.items[0]?.actor).toBe('system');
  });

  it('refuses an unknown action with 400 naming it, and anyone but an admin', async () => {
    await expectProblem(await h.request('/v1/security-events?action=nope'), 400, 'action');
    const operator = h.requestAs({ id: `usr_${'f'.repeat(32)}`, roles: ['operator'] });
    await expectProblem(await operator('/v1/security-events'), 403);
    await expectProblem(await h.anonymous('/v1/security-events'), 401);
  });
});
