import { securityEvents } from '@trellis/db/schema';
import { expectProblem, type JsonRequester } from '@trellis/kit/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResultSchema, UserPageSchema, UserSchema } from '../src/routes/users/schema.ts';
import { testAdmin } from '../src/testing.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;
let ada: { id: string };
let bob: { id: string };
let asAda: JsonRequester;
let asOperator: JsonRequester;

beforeAll(async () => {
  h = await createUsersHarness();
  const signUp = async (email: string, name: string) => {
    const res = await h.anonymous('/v1/users', { method: 'POST', json: { email, name } });
    expect(res.status).toBe(201);
    return UserSchema.parse(await res.json());
  };
  ada = await signUp('ada@example.com', 'Ada');
  bob = await signUp('bob@example.com', 'Bob');
  asAda = h.requestAs({ id: ada.id, roles: ['member'] });
  asOperator = h.requestAs({ id: `usr_${'e'.repeat(32)}`, roles: ['operator'] });
});
afterAll(async () => {
  await h.database.drop();
});

describe('sign-up (POST /v1/users)', () => {
  it('makes anyone who signs up a member', async () => {
    const res = await h.anonymous('/v1/users', {
      method: 'POST',
      json: { email: 'new@example.com', name: 'New' },
    });
    expect(UserSchema.parse(await res.json()).roles).toEqual(['member']);
  });

  it('refuses roles from anyone but an admin with 403 naming roles', async () => {
    const json = { email: 'climber@example.com', name: 'Climber', roles: ['admin'] };
    await expectProblem(await h.anonymous('/v1/users', { method: 'POST', json }), 403, 'roles');
    await expectProblem(await asAda('/v1/users', { method: 'POST', json }), 403, 'roles');
    await expectProblem(await asOperator('/v1/users', { method: 'POST', json }), 403, 'roles');
  });

  it("honours an admin's roles, and audits the grant", async () => {
    const res = await h.request('/v1/users', {
      method: 'POST',
      json: { email: 'granted@example.com', name: 'Granted', roles: ['operator'] },
    });
    const user = UserSchema.parse(await res.json());
    expect(user.roles).toEqual(['operator']);
    const [audit] = await h.database.db
      .select()
      .from(securityEvents)
      .where(
        and(eq(securityEvents.subject, user.id), eq(securityEvents.action, 'user.roles_changed')),
      );
    expect(audit).toMatchObject({ actor: testAdmin.id, detail: { from: [], to: ['operator'] } });
  });
});

describe('reading an account (GET /v1/users/{id})', () => {
  it('lets members read their own account only', async () => {
    expect((await asAda(`/v1/users/${ada.id}`)).status).toBe(200);
    await expectProblem(await asAda(`/v1/users/${bob.id}`), 403);
    await expectProblem(await h.anonymous(`/v1/users/${ada.id}`), 401);
  });

  it('lets operators, and the orders and meetings services, read anyone', async () => {
    expect((await asOperator(`/v1/users/${bob.id}`)).status).toBe(200);
    expect((await h.requestAsService('orders')(`/v1/users/${bob.id}`)).status).toBe(200);
    expect((await h.requestAsService('meetings')(`/v1/users/${bob.id}`)).status).toBe(200);
    await expectProblem(await h.requestAsService('config')(`/v1/users/${bob.id}`), 403);
  });

  it('lets a listed service read anyone even while acting for a member', async () => {
    const ordersForAda = h.requestAsService('orders', { id: ada.id, roles: ['member'] });
    expect((await ordersForAda(`/v1/users/${bob.id}`)).status).toBe(200);
  });
});

describe('changing an account (PATCH /v1/users/{id})', () => {
  it('lets a member change their own name and email, and nobody else’s', async () => {
    const own = await asAda(`/v1/users/${ada.id}`, { method: 'PATCH', json: { name: 'Ada L.' } });
    expect(UserSchema.parse(await own.json()).name).toBe('Ada L.');
    await expectProblem(
      await asAda(`/v1/users/${bob.id}`, { method: 'PATCH', json: { name: 'Bobby' } }),
      403,
    );
  });

  it('leaves roles to admins: a member or an operator changing them gets 403 naming roles', async () => {
    const json = { roles: ['admin'] };
    await expectProblem(
      await asAda(`/v1/users/${ada.id}`, { method: 'PATCH', json }),
      403,
      'roles',
    );
    await expectProblem(
      await asOperator(`/v1/users/${bob.id}`, { method: 'PATCH', json }),
      403,
      'roles',
    );
    expect(
      (await asOperator(`/v1/users/${bob.id}`, { method: 'PATCH', json: { name: 'Bob B.' } }))
        .status,
    ).toBe(200);
  });

  it('audits a role change by an admin with the roles before and after', async () => {
    const res = await h.request(`/v1/users/${bob.id}`, {
      method: 'PATCH',
      json: { roles: ['operator'] },
    });
    expect(res.status).toBe(200);
    const [audit] = await h.database.db
      .select()
      .from(securityEvents)
      .where(
        and(eq(securityEvents.subject, bob.id), eq(securityEvents.action, 'user.roles_changed')),
      );
    expect(audit?.detail).toEqual({ from: ['member'], to: ['operator'] });
    await h.request(`/v1/users/${bob.id}`, { method: 'PATCH', json: { roles: ['member'] } });
  });
});

describe('listing and looking up accounts', () => {
  it('lists users for operators only', async () => {
    expect(
      UserPageSchema.parse(await (await asOperator('/v1/users')).json()).items.length,
    ).toBeGreaterThan(1);
    await expectProblem(await asAda('/v1/users'), 403);
    await expectProblem(await h.anonymous('/v1/users'), 401);
  });

  it('looks users up for the orders and meetings services and operators', async () => {
    const json = { ids: [ada.id, bob.id] };
    for (const request of [
      h.requestAsService('orders'),
      h.requestAsService('meetings'),
      asOperator,
    ]) {
      const res = await request('/v1/users/lookup', { method: 'POST', json });
      expect(LookupResultSchema.parse(await res.json()).items).toHaveLength(2);
    }
    await expectProblem(await asAda('/v1/users/lookup', { method: 'POST', json }), 403);
    await expectProblem(
      await h.requestAsService('gateway')('/v1/users/lookup', { method: 'POST', json }),
      403,
    );
  });
});

describe('suspending and reactivating', () => {
  it('is for admins: 403 for an operator and for the member themselves', async () => {
    await expectProblem(await asOperator(`/v1/users/${bob.id}/suspend`, { method: 'POST' }), 403);
    await expectProblem(await asAda(`/v1/users/${ada.id}/suspend`, { method: 'POST' }), 403);
    expect((await h.request(`/v1/users/${bob.id}/suspend`, { method: 'POST' })).status).toBe(200);
    await expectProblem(
      await asOperator(`/v1/users/${bob.id}/reactivate`, { method: 'POST' }),
      403,
    );
    expect((await h.request(`/v1/users/${bob.id}/reactivate`, { method: 'POST' })).status).toBe(
      200,
    );
    const actions = await h.database.db
      .select({ action: securityEvents.action })
      .from(securityEvents)
      .where(eq(securityEvents.subject, bob.id));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.suspended', 'user.reactivated']),
    );
  });
});
