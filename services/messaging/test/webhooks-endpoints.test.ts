import { schema } from '@trellis/db';
import { expectProblem, type TestUser } from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from '../src/webhooks/routes/schema.ts';
import { createPushHarness, type PushHarness, userId } from './push-harness.ts';

let h: PushHarness;
const alice: TestUser = { id: userId(), roles: ['member'] };
const bob: TestUser = { id: userId(), roles: ['member'] };
const admin: TestUser = { id: userId(), roles: ['admin'] };
const operator: TestUser = { id: userId(), roles: ['operator'] };

beforeAll(async () => {
  h = await createPushHarness({ allowPrivateTargets: [] });
});
afterAll(async () => {
  await h.close();
});

function register(user: TestUser, json: Record<string, unknown>) {
  return h.as(user)('/v1/webhook-endpoints', { method: 'POST', json });
}

const publicUrl = 'https://public.example.test/hook';

describe('POST /v1/webhook-endpoints', () => {
  it('registers a member’s own endpoint and shows its whsec_ secret once, stored sealed', async () => {
    const res = await register(alice, { url: publicUrl, eventTypes: ['order.paid'] });
    expect(res.status).toBe(201);
    const created = WebhookEndpointWithSecretSchema.parse(await res.json());
    expect(created).toMatchObject({
      ownerId: alice.id,
      scope: 'own',
      status: 'enabled',
      eventTypes: ['order.paid'],
      signingSecrets: 1,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const read = await h.as(alice)(`/v1/webhook-endpoints/${created.id}`);
    expect(read.status).toBe(200);
    const body = await read.json();
    WebhookEndpointSchema.strict().parse(body);
    expect(JSON.stringify(body)).not.toContain(created.secret);

    const [row] = await h.database.db
      .select()
      .from(schema.webhookEndpoints)
      .where(eq(schema.webhookEndpoints.id, created.id));
    expect(row?.secrets[0]?.sealed).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
  });

  it('lets only admins take every user’s events (scope all)', async () => {
    await expectProblem(await register(alice, { url: publicUrl, scope: 'all' }), 403);
    const res = await register(admin, { url: publicUrl, scope: 'all' });
    expect(res.status).toBe(201);
    expect((await res.json()).scope).toBe('all');
  });

  it('refuses event types that are not pushable topics, naming them', async () => {
    const res = await register(alice, { url: publicUrl, eventTypes: ['order.paid', 'nope.x'] });
    const problem = await expectProblem(res, 422);
    expect(JSON.stringify(problem)).toContain('eventTypes[1]');
    await expectProblem(
      await register(alice, { url: publicUrl, eventTypes: ['internal.tick'] }),
      422,
    );
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://localhost/hook', 'not reachable'],
    ['http://10.0.0.7/hook', 'private'],
    ['http://192.168.1.1/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'metadata'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[fd00::1]/hook', 'unique-local'],
    ['http://[fe80::1]/hook', 'link-local'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://0.0.0.0/hook', 'unspecified'],
    ['https://rebound.example.test/hook', 'private'],
    ['https://mixed.example.test/hook', 'private'],
    ['ftp://public.example.test/hook', 'http and https'],
    ['https://user:pw@public.example.test/hook', 'credentials'],
    ['https://does-not-exist.invalid/hook', 'does not resolve'],
  ])('refuses %s as a target (SSRF): %s', async (url, why) => {
    const res = await register(alice, { url });
    const problem = await expectProblem(res, 422, 'url');
    expect(String(problem.detail)).toContain(why);
  });

  it('lets config allow a private range', async () => {
    h.config.set({ webhooks: { allowPrivateTargets: ['10.0.0.0/8'] } });
    try {
      expect((await register(alice, { url: 'http://10.0.0.7/hook' })).status).toBe(201);
      await expectProblem(await register(alice, { url: 'http://192.168.1.1/hook' }), 422, 'url');
    } finally {
      h.config.set({ webhooks: { allowPrivateTargets: [] } });
    }
  });

  it('needs a signed-in user', async () => {
    await expectProblem(
      await h.anonymous('/v1/webhook-endpoints', { method: 'POST', json: { url: publicUrl } }),
      401,
    );
  });
});

describe('managing endpoints', () => {
  it('keeps members to their own endpoints while staff see and admins change any', async () => {
    const mine = WebhookEndpointWithSecretSchema.parse(
      await (await register(bob, { url: publicUrl })).json(),
    );
    const path = `/v1/webhook-endpoints/${mine.id}`;
    await expectProblem(await h.as(alice)(path), 403);
    await expectProblem(
      await h.as(alice)(path, { method: 'PATCH', json: { description: 'mine now' } }),
      403,
    );
    await expectProblem(await h.as(alice)(path, { method: 'DELETE' }), 403);
    await expectProblem(await h.as(alice)(`${path}/rotate-secret`, { method: 'POST' }), 403);
    await expectProblem(await h.as(alice)(`${path}/deliveries`), 403);
    await expectProblem(
      await h.as(operator)(path, { method: 'PATCH', json: { description: 'x' } }),
      403,
    );
    expect((await h.as(operator)(path)).status).toBe(200);

    const list = WebhookEndpointPageSchema.parse(
      await (await h.as(alice)('/v1/webhook-endpoints')).json(),
    );
    expect(list.items.every((e) => e.ownerId === alice.id)).toBe(true);
    await expectProblem(await h.as(alice)(`/v1/webhook-endpoints?ownerId=${bob.id}`), 403);
    const all = WebhookEndpointPageSchema.parse(
      await (await h.as(admin)(`/v1/webhook-endpoints?ownerId=${bob.id}`)).json(),
    );
    expect(all.items.map((e) => e.id)).toEqual([mine.id]);

    const patched = await h.as(admin)(path, {
      method: 'PATCH',
      json: { description: 'checked by admin', eventTypes: ['meeting.scheduled'] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      description: 'checked by admin',
      eventTypes: ['meeting.scheduled'],
      version: 2,
    });
    await expectProblem(
      await h.as(bob)(path, { method: 'PATCH', json: { url: 'http://10.9.9.9/' } }),
      422,
      'url',
    );
    expect((await h.as(bob)(path, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await h.as(bob)(path), 404);
    const audits = await h.database.db
      .select()
      .from(schema.messagingAudit)
      .where(eq(schema.messagingAudit.target, mine.id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'webhook.endpoint.create',
      'webhook.endpoint.delete',
      'webhook.endpoint.update',
    ]);
  });

  it('answers 404 for an endpoint that does not exist and 400 for a malformed id', async () => {
    await expectProblem(await h.as(admin)(`/v1/webhook-endpoints/whep_${'0'.repeat(32)}`), 404);
    await expectProblem(await h.as(admin)('/v1/webhook-endpoints/nope'), 400);
    await expectProblem(
      await h.as(admin)(`/v1/webhook-deliveries/whdl_${'0'.repeat(32)}/replay`, {
        method: 'POST',
      }),
      404,
    );
  });
});
