import { expectProblem } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayBucket } from '../src/config/gray.ts';
import {
  AuditPageSchema,
  ChangeRequestListSchema,
  ChangeRequestSchema,
  ConfigSchemaSchema,
  DiffSchema,
  DraftSchema,
  EffectiveSchema,
  NamespaceListSchema,
  ReleasePageSchema,
  ReleaseSchema,
  ServiceStateListSchema,
} from '../src/routes/config/schema.ts';
import {
  bearer,
  type ConfigHarness,
  createConfigHarness,
  getJson,
  ordersConfig,
  people,
  publish,
  saveDraft,
  serviceToken,
  uploadSchema,
  userToken,
} from './harness.ts';

let h: ConfigHarness;

beforeAll(async () => {
  h = await createConfigHarness();
});
afterAll(async () => {
  await h.close();
});

const base = { logLevel: 'info', paymentTimeoutMinutes: 30, maxItems: 50 };

async function effective(service: string, instanceId: string, labels?: string, ns = 'dev') {
  const query = new URLSearchParams({ instanceId, ...(labels ? { labels } : {}) });
  const { status, body } = await getJson(
    h.center,
    `/v1/config/${ns}/${service}/effective?${query}`,
  );
  expect(status).toBe(200);
  return EffectiveSchema.parse(body);
}

async function audit(service: string, ns = 'dev') {
  const { body } = await getJson(h.center, `/v1/config/${ns}/${service}/audit?limit=100`);
  return AuditPageSchema.parse(body).items.reverse();
}

/** Instance ids whose gray bucket is below / at or above 50. */
function instancesAround(split: number) {
  const ids = Array.from({ length: 200 }, (_, i) => `orders-${i}`);
  const inside = ids.find((id) => grayBucket(id) < split);
  const outside = ids.find((id) => grayBucket(id) >= split);
  if (!inside || !outside) {
    throw new Error('no instance ids on both sides of the split');
  }
  return { inside, outside };
}

describe('namespaces and schemas', () => {
  it('lists the seeded namespaces, prod protected', async () => {
    const { status, body } = await getJson(h.center, '/v1/config/namespaces');
    expect(status).toBe(200);
    const { items } = NamespaceListSchema.parse(body);
    expect(items.map((n) => [n.name, n.protected])).toEqual([
      ['dev', false],
      ['prod', true],
    ]);
  });

  it("stores a schema uploaded with the service's own token and serves it for forms", async () => {
    await uploadSchema(h.center, 'orders');
    const { status, body } = await getJson(h.center, '/v1/config/schemas/orders');
    expect(status).toBe(200);
    const schema = ConfigSchemaSchema.parse(body);
    expect(schema.secretKeys).toEqual(['stripeKey']);
    expect(schema.jsonSchema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.schemaHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a schema upload by another service, by a user, or without a token', async () => {
    const json = { jsonSchema: ordersConfig.jsonSchema, secretKeys: [] };
    const asOther = await h.center.request('/v1/config/schemas/orders', {
      method: 'PUT',
      headers: bearer(await serviceToken('meetings')),
      json,
    });
    await expectProblem(asOther, 403);
    const asAdmin = await h.center.request('/v1/config/schemas/orders', {
      method: 'PUT',
      headers: bearer(await userToken(people.grace)),
      json,
    });
    await expectProblem(asAdmin, 403);
    const anonymous = await h.center.request('/v1/config/schemas/orders', { method: 'PUT', json });
    await expectProblem(anonymous, 401);
  });

  it('refuses a JSON Schema that does not compile with 422 naming jsonSchema', async () => {
    const res = await h.center.request('/v1/config/schemas/broken', {
      method: 'PUT',
      headers: bearer(await serviceToken('broken')),
      json: { jsonSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } },
    });
    await expectProblem(res, 422, 'jsonSchema');
  });

  it('answers 404 for the schema of a service that never uploaded one', async () => {
    const res = await h.center.request('/v1/config/schemas/ghost', {
      headers: bearer(await userToken(people.ada)),
    });
    await expectProblem(res, 404);
  });
});

describe('drafts', () => {
  it.each([
    ['a number out of range', { maxItems: 500 }, 'maxItems'],
    ['a value outside an enum', { logLevel: 'loud' }, 'logLevel'],
    [
      'a wrong type in a nested object',
      { features: { newCheckout: 'yes' } },
      'features.newCheckout',
    ],
    ['an unknown key', { maxItem: 5 }, 'maxItem'],
    ['an unknown nested key', { features: { newChekout: true } }, 'features.newChekout'],
    ['a secret too short', { stripeKey: 'short' }, 'stripeKey'],
  ])('refuses %s with 422 naming the key', async (_case, values, key) => {
    const res = await saveDraft(h.center, people.ada, values);
    const problem = await expectProblem(res, 422, key);
    expect(problem.detail).toContain(key);
    expect(problem.errors.find((e) => e.path === key)?.message).toBeTruthy();
  });

  it('saves a valid draft and shows it with the secret masked', async () => {
    const res = await saveDraft(h.center, people.ada, { ...base, stripeKey: 'sk_draft_123456' });
    expect(res.status).toBe(200);
    const draft = DraftSchema.parse(await res.json());
    expect(draft.values).toEqual({ ...base, stripeKey: '••••••' });
    expect(draft.updatedBy).toBe('ada@example.com');
    const read = DraftSchema.parse((await getJson(h.center, '/v1/config/dev/orders/draft')).body);
    expect(read.values).toEqual(draft.values);
  });

  it('keeps the stored secret when the draft sends the mask back', async () => {
    const res = await saveDraft(h.center, people.ada, {
      ...base,
      logLevel: 'debug',
      stripeKey: '••••••',
    });
    expect(res.status).toBe(200);
    const { body } = await getJson(h.center, '/v1/config/dev/orders/draft/diff');
    const diff = DiffSchema.parse(body);
    expect(diff.toRevision).toBeNull();
    expect(diff.changes).toContainEqual({ path: 'stripeKey', op: 'add', after: '••••••' });
    expect(diff.changes).toContainEqual({ path: 'logLevel', op: 'add', after: 'debug' });
  });

  it('refuses the mask for a secret that was never stored', async () => {
    await uploadSchema(h.center, 'masks');
    const res = await saveDraft(
      h.center,
      people.ada,
      { stripeKey: '••••••' },
      { service: 'masks' },
    );
    await expectProblem(res, 422, 'stripeKey');
  });

  it('lets only operators and admins edit, and answers 404 and 409 where it must', async () => {
    await expectProblem(await saveDraft(h.center, people.mallory, base), 403);
    const asService = await h.center.request('/v1/config/dev/orders/draft', {
      method: 'PUT',
      headers: bearer(await serviceToken('orders')),
      json: { values: base },
    });
    await expectProblem(asService, 403);
    await expectProblem(await saveDraft(h.center, people.ada, base, { namespace: 'qa' }), 404);
    await expectProblem(await saveDraft(h.center, people.ada, base, { service: 'nameless' }), 409);
  });
});

describe('publish, history, diff and rollback', () => {
  beforeAll(async () => {
    await uploadSchema(h.center, 'billing');
  });

  it('publishes drafts as releases numbered 1, 2, 3 and lists them newest first', async () => {
    for (const [i, minutes] of [20, 25, 40].entries()) {
      const res = await publish(
        h.center,
        people.ada,
        { ...base, paymentTimeoutMinutes: minutes },
        { service: 'billing', comment: `step ${i + 1}` },
      );
      expect(res.status).toBe(201);
      const release = ReleaseSchema.parse(await res.json());
      expect(release).toMatchObject({ revision: i + 1, kind: 'full', author: 'ada@example.com' });
      expect(res.headers.get('location')).toBe(`/v1/config/dev/billing/releases/${i + 1}`);
    }
    const { body } = await getJson(h.center, '/v1/config/dev/billing/releases?limit=2');
    const page = ReleasePageSchema.parse(body);
    expect(page.items.map((r) => r.revision)).toEqual([3, 2]);
    const next = ReleasePageSchema.parse(
      (await getJson(h.center, `/v1/config/dev/billing/releases?cursor=${page.nextCursor}`)).body,
    );
    expect(next.items.map((r) => r.revision)).toEqual([1]);
    const one = ReleaseSchema.parse(
      (await getJson(h.center, '/v1/config/dev/billing/releases/1')).body,
    );
    expect(one.values.paymentTimeoutMinutes).toBe(20);
    expect(one.comment).toBe('step 1');
  });

  it('refuses to publish a draft that equals the live release', async () => {
    const res = await h.center.request('/v1/config/dev/billing/releases', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: { comment: 'again' },
    });
    await expectProblem(res, 409);
  });

  it('diffs any two releases, and a release against nothing', async () => {
    const { body } = await getJson(h.center, '/v1/config/dev/billing/diff?from=1&to=3');
    expect(DiffSchema.parse(body).changes).toEqual([
      { path: 'paymentTimeoutMinutes', op: 'change', before: 20, after: 40 },
    ]);
    const fromNothing = DiffSchema.parse(
      (await getJson(h.center, '/v1/config/dev/billing/diff?from=0&to=1')).body,
    );
    expect(fromNothing.changes.map((c) => c.op)).toEqual(['add', 'add', 'add']);
    const missing = await h.center.request('/v1/config/dev/billing/diff?from=1&to=99', {
      headers: bearer(await userToken(people.ada)),
    });
    await expectProblem(missing, 404, 'to');
  });

  it('rolls back by publishing the values of an earlier release as a new revision', async () => {
    const res = await h.center.request('/v1/config/dev/billing/rollback', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: { toRevision: 1, comment: 'too long' },
    });
    expect(res.status).toBe(201);
    const release = ReleaseSchema.parse(await res.json());
    expect(release).toMatchObject({ revision: 4, kind: 'rollback', rolledBackTo: 1 });
    expect(release.values.paymentTimeoutMinutes).toBe(20);
    expect(await effective('billing', 'billing-1')).toMatchObject({
      revision: 4,
      releaseKind: 'rollback',
      values: { paymentTimeoutMinutes: 20 },
    });
  });

  it('refuses a rollback to a revision that does not exist, naming toRevision', async () => {
    const res = await h.center.request('/v1/config/dev/billing/rollback', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: { toRevision: 42 },
    });
    await expectProblem(res, 404, 'toRevision');
  });

  it('allocates distinct revisions to publishes that race', async () => {
    await uploadSchema(h.center, 'racing');
    const token = await userToken(people.ada);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.center.request('/v1/config/dev/racing/rollback', {
          method: 'POST',
          headers: bearer(token),
          json: { toRevision: 1, comment: `race ${i}` },
        }),
      ),
    );
    // Nothing to roll back to yet: all 404. Publish one, then race the rollbacks.
    expect(results.every((r) => r.status === 404)).toBe(true);
    expect((await publish(h.center, people.ada, base, { service: 'racing' })).status).toBe(201);
    const raced = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.center.request('/v1/config/dev/racing/rollback', {
          method: 'POST',
          headers: bearer(token),
          json: { toRevision: 1, comment: `race ${i}` },
        }),
      ),
    );
    const revisions = await Promise.all(
      raced.map(async (r) => ReleaseSchema.parse(await r.json()).revision),
    );
    expect(revisions.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reports each service with its live revision', async () => {
    const { body } = await getJson(h.center, '/v1/config/dev/services');
    const billing = ServiceStateListSchema.parse(body).items.find((s) => s.service === 'billing');
    expect(billing).toMatchObject({
      hasSchema: true,
      liveRevision: 4,
      latestRevision: 4,
      gray: null,
      pendingChangeRequests: 0,
    });
  });
});

describe('gray releases', () => {
  const split = instancesAround(50);

  beforeAll(async () => {
    await uploadSchema(h.center, 'shipping');
  });

  it('refuses a gray release before there is a full release to fall back on', async () => {
    const res = await publish(h.center, people.ada, base, {
      service: 'shipping',
      gray: { percentage: 50 },
    });
    await expectProblem(res, 409);
    expect((await publish(h.center, people.ada, base, { service: 'shipping' })).status).toBe(201);
  });

  it('sends a percentage gray release to the instances whose hash falls below it', async () => {
    const res = await publish(
      h.center,
      people.ada,
      { ...base, maxItems: 10 },
      { service: 'shipping', gray: { percentage: 50 } },
    );
    expect(res.status).toBe(201);
    const release = ReleaseSchema.parse(await res.json());
    expect(release).toMatchObject({ revision: 2, kind: 'gray' });
    expect(release.gray).toEqual({ rule: { percentage: 50 }, state: 'live', endedAt: null });
    expect(await effective('shipping', split.inside)).toMatchObject({
      revision: 2,
      releaseKind: 'gray',
      values: { maxItems: 10 },
    });
    expect(await effective('shipping', split.outside)).toMatchObject({
      revision: 1,
      releaseKind: 'full',
      values: { maxItems: 50 },
    });
  });

  it('refuses a full or second gray publish while a gray release is live', async () => {
    const full = await publish(
      h.center,
      people.ada,
      { ...base, maxItems: 11 },
      { service: 'shipping' },
    );
    const problem = await expectProblem(full, 409);
    expect(problem.grayRevision).toBe(2);
    const gray = await publish(
      h.center,
      people.ada,
      { ...base, maxItems: 12 },
      { service: 'shipping', gray: { labels: { zone: 'b' } } },
    );
    await expectProblem(gray, 409);
  });

  it('promotes the gray values to everyone as a full release', async () => {
    const res = await h.center.request('/v1/config/dev/shipping/gray/promote', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: {},
    });
    expect(res.status).toBe(201);
    const release = ReleaseSchema.parse(await res.json());
    expect(release).toMatchObject({ revision: 3, kind: 'full', values: { maxItems: 10 } });
    expect(await effective('shipping', split.outside)).toMatchObject({
      revision: 3,
      values: { maxItems: 10 },
    });
    const gray = ReleaseSchema.parse(
      (await getJson(h.center, '/v1/config/dev/shipping/releases/2')).body,
    );
    expect(gray.gray?.state).toBe('promoted');
    const again = await h.center.request('/v1/config/dev/shipping/gray/promote', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: {},
    });
    await expectProblem(again, 409);
  });

  it('sends a label gray release only to instances with every label, then abandons it', async () => {
    const res = await publish(
      h.center,
      people.ada,
      { ...base, maxItems: 99 },
      { service: 'shipping', gray: { labels: { zone: 'a', tier: 'canary' } } },
    );
    expect(res.status).toBe(201);
    expect(await effective('shipping', 'any-1', 'zone:a,tier:canary')).toMatchObject({
      revision: 4,
      values: { maxItems: 99 },
    });
    expect(await effective('shipping', 'any-2', 'zone:a')).toMatchObject({ revision: 3 });
    const { body } = await getJson(h.center, '/v1/config/dev/services');
    expect(
      ServiceStateListSchema.parse(body).items.find((s) => s.service === 'shipping')?.gray,
    ).toEqual({ revision: 4, rule: { labels: { zone: 'a', tier: 'canary' } } });

    const abandoned = await h.center.request('/v1/config/dev/shipping/gray/abandon', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: { comment: 'canary errors' },
    });
    expect(abandoned.status).toBe(201);
    expect(ReleaseSchema.parse(await abandoned.json())).toMatchObject({
      revision: 5,
      kind: 'rollback',
      rolledBackTo: 3,
      values: { maxItems: 10 },
    });
    expect(await effective('shipping', 'any-1', 'zone:a,tier:canary')).toMatchObject({
      revision: 5,
      values: { maxItems: 10 },
    });
    const gray = ReleaseSchema.parse(
      (await getJson(h.center, '/v1/config/dev/shipping/releases/4')).body,
    );
    expect(gray.gray?.state).toBe('abandoned');
  });

  it('answers 400 naming labels when they are malformed', async () => {
    const res = await h.center.request(
      '/v1/config/dev/shipping/effective?instanceId=x&labels=zone',
      { headers: bearer(await userToken(people.ada)) },
    );
    await expectProblem(res, 400, 'labels');
  });

  it('audits every step with the actor and the diff', async () => {
    const entries = await audit('shipping');
    expect(entries.map((e) => [e.action, e.revision])).toEqual([
      ['draft.save', null],
      ['draft.save', null],
      ['publish', 1],
      ['draft.save', null],
      ['gray', 2],
      ['draft.save', null],
      ['draft.save', null],
      ['promote', 3],
      ['draft.save', null],
      ['gray', 4],
      ['abandon', 5],
    ]);
    expect(entries.every((e) => e.actor === 'ada@example.com')).toBe(true);
    expect(entries.find((e) => e.action === 'abandon')?.changes).toEqual([
      { path: 'maxItems', op: 'change', before: 99, after: 10 },
    ]);
    expect(entries.find((e) => e.action === 'abandon')?.comment).toBe('canary errors');
  });
});

describe('approvals in a protected namespace', () => {
  beforeAll(async () => {
    await uploadSchema(h.center, 'orders');
  });

  async function decide(
    id: number,
    verb: 'approve' | 'reject',
    user: (typeof people)[keyof typeof people],
  ) {
    return h.center.request(`/v1/config/prod/orders/change-requests/${id}/${verb}`, {
      method: 'POST',
      headers: bearer(await userToken(user)),
      json: {},
    });
  }

  it('turns a publish into a pending change request, with no release yet', async () => {
    const res = await publish(
      h.center,
      people.grace,
      { ...base, maxItems: 70 },
      { namespace: 'prod' },
    );
    expect(res.status).toBe(202);
    const request = ChangeRequestSchema.parse(await res.json());
    expect(request).toMatchObject({
      id: 1,
      kind: 'full',
      status: 'pending',
      author: 'grace@example.com',
    });
    expect(request.changes).toContainEqual({ path: 'maxItems', op: 'add', after: 70 });
    const { body } = await getJson(h.center, '/v1/config/prod/orders/releases');
    expect(ReleasePageSchema.parse(body).items).toEqual([]);
    const pending = ChangeRequestListSchema.parse(
      (await getJson(h.center, '/v1/config/prod/orders/change-requests?status=pending')).body,
    );
    expect(pending.items.map((r) => r.id)).toEqual([1]);
  });

  it('does not let the author approve their own request', async () => {
    const problem = await expectProblem(await decide(1, 'approve', people.grace), 403);
    expect(problem.detail).toMatch(/author/);
  });

  it('does not let a non-admin approve', async () => {
    await expectProblem(await decide(1, 'approve', people.ada), 403);
    await expectProblem(await decide(1, 'approve', people.mallory), 403);
  });

  it("takes roles from the token: a demoted admin's new token neither approves nor publishes", async () => {
    const demoted = { ...people.linus, roles: ['member' as const] };
    const approve = await decide(1, 'approve', demoted);
    expect((await expectProblem(approve, 403)).detail).toMatch(/admin/);
    const asOperator = { ...people.linus, roles: ['operator' as const] };
    await expectProblem(await decide(1, 'approve', asOperator), 403);
    const publishing = await h.center.request('/v1/config/dev/orders/releases', {
      method: 'POST',
      headers: bearer(await userToken(demoted)),
      json: { comment: 'still an admin?' },
    });
    await expectProblem(publishing, 403);
    await expectProblem(await saveDraft(h.center, demoted, { ...base, maxItems: 3 }), 403);
    const pending = ChangeRequestListSchema.parse(
      (await getJson(h.center, '/v1/config/prod/orders/change-requests?status=pending')).body,
    );
    expect(pending.items.map((r) => r.id)).toEqual([1]);
  });

  it("publishes on another admin's approval, as the author's release approved by them", async () => {
    const res = await decide(1, 'approve', people.linus);
    expect(res.status).toBe(200);
    expect(ChangeRequestSchema.parse(await res.json())).toMatchObject({
      status: 'approved',
      decidedBy: 'linus@example.com',
      revision: 1,
    });
    const { body } = await getJson(h.center, '/v1/config/prod/orders/releases');
    expect(ReleasePageSchema.parse(body).items).toMatchObject([
      { revision: 1, kind: 'full', author: 'grace@example.com', approvedBy: 'linus@example.com' },
    ]);
    expect(await effective('orders', 'orders-1', undefined, 'prod')).toMatchObject({
      revision: 1,
      values: { maxItems: 70 },
    });
    await expectProblem(await decide(1, 'approve', people.linus), 409);
  });

  it('lets an admin reject and the author withdraw', async () => {
    const second = ChangeRequestSchema.parse(
      await (
        await publish(h.center, people.ada, { ...base, maxItems: 80 }, { namespace: 'prod' })
      ).json(),
    );
    const rejected = await decide(second.id, 'reject', people.grace);
    expect(ChangeRequestSchema.parse(await rejected.json())).toMatchObject({
      status: 'rejected',
      decidedBy: 'grace@example.com',
    });
    const third = ChangeRequestSchema.parse(
      await (
        await h.center.request('/v1/config/prod/orders/releases', {
          method: 'POST',
          headers: bearer(await userToken(people.ada)),
          json: { comment: 'once more' },
        })
      ).json(),
    );
    const withdrawn = await decide(third.id, 'reject', people.ada);
    expect(ChangeRequestSchema.parse(await withdrawn.json()).status).toBe('withdrawn');
    await expectProblem(await decide(third.id, 'reject', people.grace), 409);
    await expectProblem(await decide(third.id, 'reject', people.mallory), 403);
  });

  it('needs approval for a rollback too', async () => {
    const res = await h.center.request('/v1/config/prod/orders/rollback', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: { toRevision: 1 },
    });
    expect(res.status).toBe(202);
    expect(ChangeRequestSchema.parse(await res.json())).toMatchObject({
      kind: 'rollback',
      rollbackTo: 1,
      status: 'pending',
    });
  });

  it('audits requests and decisions', async () => {
    const entries = (await audit('orders', 'prod')).filter((e) => e.action !== 'draft.save');
    expect(entries.map((e) => [e.action, e.actor, e.revision])).toEqual([
      ['request', 'grace@example.com', null],
      ['approve', 'linus@example.com', 1],
      ['request', 'ada@example.com', null],
      ['reject', 'grace@example.com', null],
      ['request', 'ada@example.com', null],
      ['withdraw', 'ada@example.com', null],
      ['request', 'ada@example.com', null],
    ]);
    expect(entries[1]?.changes).toContainEqual({ path: 'maxItems', op: 'add', after: 70 });
  });
});

describe('who may read the config', () => {
  const reads = [
    '/v1/config/namespaces',
    '/v1/config/schemas/orders',
    '/v1/config/prod/services',
    '/v1/config/prod/orders/draft',
    '/v1/config/prod/orders/draft/diff',
    '/v1/config/prod/orders/diff?from=0&to=1',
    '/v1/config/prod/orders/releases',
    '/v1/config/prod/orders/releases/1',
    '/v1/config/prod/orders/audit',
    '/v1/config/prod/orders/change-requests',
    '/v1/config/prod/orders/instances',
    '/v1/config/prod/orders/effective?instanceId=orders-1',
    '/v1/config/prod/orders/poll?instanceId=orders-1',
    '/v1/config/prod/orders/watch?instanceId=orders-1',
  ];

  it('refuses a member every read with 403, and anonymous callers with 401', async () => {
    const member = bearer(await userToken(people.mallory));
    for (const path of reads) {
      await expectProblem(await h.center.request(path, { headers: member }), 403);
      await expectProblem(await h.center.request(path), 401);
    }
  });

  it('lets operators, admins and services read, a service only its own effective config', async () => {
    for (const user of [people.ada, people.grace]) {
      for (const path of reads.filter((p) => !p.includes('/watch'))) {
        expect((await getJson(h.center, path, await userToken(user))).status, path).toBe(200);
      }
    }
    const users = await serviceToken('users');
    for (const path of ['/v1/config/prod/orders/releases', '/v1/config/prod/orders/audit']) {
      expect((await getJson(h.center, path, users)).status, path).toBe(200);
    }
    for (const path of reads.filter((p) => /effective|poll|watch/.test(p))) {
      await expectProblem(await h.center.request(path, { headers: bearer(users) }), 403);
    }
  });

  it('refuses a member every change with 403', async () => {
    const member = bearer(await userToken(people.mallory));
    for (const [method, path] of [
      ['PUT', '/v1/config/dev/orders/draft'],
      ['POST', '/v1/config/dev/orders/releases'],
      ['POST', '/v1/config/dev/orders/rollback'],
      ['POST', '/v1/config/dev/orders/gray/promote'],
      ['POST', '/v1/config/dev/orders/gray/abandon'],
      ['POST', '/v1/config/prod/orders/change-requests/1/approve'],
      ['POST', '/v1/config/prod/orders/change-requests/1/reject'],
    ] as const) {
      const res = await h.center.request(path, { method, headers: member, json: {} });
      await expectProblem(res, 403);
    }
  });
});

describe('instances', () => {
  it('records what each instance reports, for the service itself only', async () => {
    const report = (token: string, body: Record<string, unknown>) =>
      h.center.request('/v1/config/dev/orders/applied', {
        method: 'POST',
        headers: bearer(token),
        json: body,
      });
    const orders = await serviceToken('orders');
    expect(
      (await report(orders, { instanceId: 'o-1', revision: 3, status: 'applied' })).status,
    ).toBe(204);
    expect(
      (
        await report(orders, {
          instanceId: 'o-2',
          revision: 4,
          status: 'rejected',
          error: 'maxItems: too big',
        })
      ).status,
    ).toBe(204);
    await expectProblem(
      await report(await serviceToken('users'), {
        instanceId: 'o-3',
        revision: 1,
        status: 'applied',
      }),
      403,
    );
    await expectProblem(
      await report(await userToken(people.grace), {
        instanceId: 'o-3',
        revision: 1,
        status: 'applied',
      }),
      403,
    );
    const { body } = await getJson<{ items: unknown[] }>(
      h.center,
      '/v1/config/dev/orders/instances',
    );
    expect(body.items).toMatchObject([
      { instanceId: 'o-1', revision: 3, status: 'applied', error: null },
      { instanceId: 'o-2', revision: 4, status: 'rejected', error: 'maxItems: too big' },
    ]);
  });
});
