import { apiKeys, securityEvents } from '@trellis/db/schema';
import { expectProblem } from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiKeyPageSchema,
  ApiKeySchema,
  CreatedApiKeySchema,
  VerifiedApiKeySchema,
} from '../src/routes/api-keys/schema.ts';
import { testAdmin } from '../src/testing.ts';
import { createUsersHarness, type UsersHarness } from './harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await createUsersHarness();
});
afterAll(async () => {
  await h.database.drop();
});

async function createKey(name: string, scopes = ['orders:read', 'orders:write']) {
  const res = await h.request('/v1/api-keys', { method: 'POST', json: { name, scopes } });
  expect(res.status, await res.clone().text()).toBe(201);
  return CreatedApiKeySchema.parse(await res.json());
}

const gateway = () => h.requestAsService('gateway');
const verify = (key: string) => gateway()('/v1/api-keys/verify', { method: 'POST', json: { key } });

async function rowOf(id: string) {
  const [row] = await h.database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

describe('POST /v1/api-keys', () => {
  it('shows a prefixed key once and keeps only its hash', async () => {
    const created = await createKey('Mobile app', ['orders:write', 'orders:read', 'orders:read']);
    expect(created.key).toMatch(/^trk_live_key_[0-9a-f]{32}_[A-Za-z0-9_-]{43,}$/);
    expect(created.key.startsWith(`trk_live_${created.id}_`)).toBe(true);
    expect(created).toMatchObject({
      name: 'Mobile app',
      scopes: ['orders:read', 'orders:write'],
      status: 'active',
      prefix: `trk_live_${created.id}_…`,
      createdBy: testAdmin.id,
      lastUsedAt: null,
    });
    const row = await rowOf(created.id);
    const secret = created.key.split('_').slice(4).join('_');
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    const [audit] = await h.database.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.subject, created.id));
    expect(audit).toMatchObject({ action: 'api_key.created', actor: testAdmin.id });
  });

  it('refuses unknown scopes and an empty name with 400 naming them', async () => {
    await expectProblem(
      await h.request('/v1/api-keys', {
        method: 'POST',
        json: { name: 'x', scopes: ['orders:delete'] },
      }),
      400,
      'scopes[0]',
    );
    await expectProblem(
      await h.request('/v1/api-keys', {
        method: 'POST',
        json: { name: ' ', scopes: ['users:read'] },
      }),
      400,
      'name',
    );
  });

  it('is for admins: 403 for an operator, 401 for the anonymous', async () => {
    const json = { name: 'Partner', scopes: ['users:read'] };
    const operator = h.requestAs({ id: `usr_${'c'.repeat(32)}`, roles: ['operator'] });
    await expectProblem(await operator('/v1/api-keys', { method: 'POST', json }), 403);
    await expectProblem(await h.anonymous('/v1/api-keys', { method: 'POST', json }), 401);
  });
});

describe('GET /v1/api-keys', () => {
  it('lists keys newest first, paged, never with their secrets', async () => {
    const first = await createKey('Listed one');
    const second = await createKey('Listed two');
    const res = await h.request('/v1/api-keys?limit=1');
    const text = await res.clone().text();
    const page = ApiKeyPageSchema.parse(await res.json());
    expect(page.items.map((key) => key.id)).toEqual([second.id]);
    expect(text).not.toContain(second.key);
    expect(text).not.toContain('"key"');
    const next = ApiKeyPageSchema.parse(
      await (await h.request(`/v1/api-keys?limit=1&cursor=${page.nextCursor}`)).json(),
    );
    expect(next.items.map((key) => key.id)).toEqual([first.id]);
    const member = h.requestAs({ id: `usr_${'d'.repeat(32)}` });
    await expectProblem(await member('/v1/api-keys'), 403);
  });
});

describe('POST /v1/api-keys/verify', () => {
  it("answers the key's id, name and scopes to the gateway, recording the use once a minute", async () => {
    const created = await createKey('Verified', ['meetings:read']);
    const res = await verify(created.key);
    expect(res.status).toBe(200);
    expect(VerifiedApiKeySchema.parse(await res.json())).toEqual({
      id: created.id,
      name: 'Verified',
      scopes: ['meetings:read'],
    });
    const firstUse = h.clock.now;
    expect((await rowOf(created.id))?.lastUsedAt).toEqual(firstUse);
    h.clock.now = new Date(firstUse.getTime() + 30_000);
    expect((await verify(created.key)).status).toBe(200);
    expect((await rowOf(created.id))?.lastUsedAt).toEqual(firstUse);
    h.clock.now = new Date(firstUse.getTime() + 60_000);
    expect((await verify(created.key)).status).toBe(200);
    expect((await rowOf(created.id))?.lastUsedAt).toEqual(h.clock.now);
  });

  it('refuses a wrong secret, an unknown id, a malformed and a revoked key alike with 401', async () => {
    const created = await createKey('Guarded');
    const wrongSecret = `${created.key.slice(0, -4)}AAAA`;
    const unknownId = created.key.replace(/key_[0-9a-f]{32}/, `key_${'0'.repeat(32)}`);
    const details = new Set<string>();
    for (const key of [wrongSecret, unknownId, 'trk_live_nonsense', created.id]) {
      details.add(String((await expectProblem(await verify(key), 401)).detail));
    }
    expect((await verify(created.key)).status).toBe(200);
    expect((await h.request(`/v1/api-keys/${created.id}/revoke`, { method: 'POST' })).status).toBe(
      200,
    );
    details.add(String((await expectProblem(await verify(created.key), 401)).detail));
    expect(details.size).toBe(1);
  });

  it('is for the gateway alone', async () => {
    const created = await createKey('Gateway only');
    const json = { key: created.key };
    const orders = h.requestAsService('orders');
    await expectProblem(await orders('/v1/api-keys/verify', { method: 'POST', json }), 403);
    await expectProblem(await h.request('/v1/api-keys/verify', { method: 'POST', json }), 403);
    await expectProblem(await h.anonymous('/v1/api-keys/verify', { method: 'POST', json }), 401);
  });
});

describe('POST /v1/api-keys/{id}/revoke', () => {
  it('revokes once, answers a repeat with the key as it is, and audits the revocation', async () => {
    const created = await createKey('Revoked');
    const res = await h.request(`/v1/api-keys/${created.id}/revoke`, { method: 'POST' });
    const revoked = ApiKeySchema.parse(await res.json());
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: h.clock.now.toISOString() });
    const again = await h.request(`/v1/api-keys/${created.id}/revoke`, { method: 'POST' });
    expect(ApiKeySchema.parse(await again.json())).toEqual(revoked);
    const audit = await h.database.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.subject, created.id));
    expect(audit.map((row) => row.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('answers an unknown key with 404 and a malformed id with 400', async () => {
    await expectProblem(
      await h.request(`/v1/api-keys/key_${'9'.repeat(32)}/revoke`, { method: 'POST' }),
      404,
    );
    await expectProblem(await h.request('/v1/api-keys/nope/revoke', { method: 'POST' }), 400, 'id');
  });
});
