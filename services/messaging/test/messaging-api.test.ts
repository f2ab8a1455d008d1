import { randomUUID } from 'node:crypto';
import {
  deadLetters,
  messageSubscriptions,
  messageTrace,
  messagingAudit,
} from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, defineTopic, ProblemSchema, z } from '@trellis/kit';
import { queuePrefix } from '@trellis/kit/messaging';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
} from '@trellis/kit/testing';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMessagingApp } from '../src/app.ts';
import { messagingConfig } from '../src/config.ts';
import { pushUnavailable } from '../src/push-unavailable.ts';
import { type BullSubscriptionQueues, createSubscriptionQueues } from '../src/queues.ts';

const redisUrl = 'redis://127.0.0.1:6379';
const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
const config = createStaticConfig(messagingConfig);
const run = randomUUID().slice(0, 8);
const subscription = `test-${run}/order.paid`;
const queue = `{${subscription}}`;
const orderPaid = defineTopic('order.paid', z.object({ id: z.string(), amount: z.number() }), {
  description: 'An order was paid.',
});

let database: TestDatabase;
let queues: BullSubscriptionQueues;
let inspect: Queue;
let asMember: JsonRequester;
let asOperator: JsonRequester;
let asAdmin: JsonRequester;
let anonymous: JsonRequester;

async function deadLetter(eventId: string, payload: Record<string, unknown> = { id: 'ord_1' }) {
  const id = `dlq_${randomUUID().replaceAll('-', '')}`;
  await database.db.insert(deadLetters).values({
    id,
    subscription,
    eventId,
    topic: 'order.paid',
    key: 'ord_1',
    payload,
    headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    attempts: [{ attempt: 1, at: clock.now.toISOString(), durationMs: 2, error: 'boom' }],
    lastError: 'boom',
  });
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const identity = await createTestIdentity();
  queues = createSubscriptionQueues(redisUrl);
  inspect = new Queue(queue, {
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: queuePrefix,
  });
  const app = createMessagingApp({
    deps: {
      db: database.db,
      now: () => clock.now,
      config,
      queues,
      topics: [orderPaid],
      ...pushUnavailable,
      pushTopics: [orderPaid],
      resolveHost: async () => ['127.0.0.1'],
    },
    logger: captureLogger('messaging').logger,
    version: 'test',
    instanceId: 'messaging-test',
    ping: database.ping,
    identity: identity.settings,
  });
  asMember = jsonRequester(app, () => identity.asUser({ id: 'usr_ada', roles: ['member'] }));
  asOperator = jsonRequester(app, () => identity.asUser({ id: 'usr_op', roles: ['operator'] }));
  asAdmin = jsonRequester(app, () => identity.asUser({ id: 'usr_admin', roles: ['admin'] }));
  anonymous = jsonRequester(app);
  await database.db.insert(messageSubscriptions).values({
    id: subscription,
    topic: 'order.paid',
    group: `test-${run}`,
    service: 'orders',
    mode: 'cluster',
    queue,
  });
});

afterAll(async () => {
  await inspect.obliterate({ force: true });
  await inspect.close();
  await queues.close();
  await database.drop();
});

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return ProblemSchema.parse(await res.json());
}

describe('GET /v1/topics', () => {
  it('lists the declared topics with their JSON Schema to any signed-in user', async () => {
    const res = await asMember('/v1/topics');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string; schema: { type: string } }[] };
    expect(body.items.map((topic) => topic.name)).toEqual(['order.paid']);
    expect(body.items[0]?.schema.type).toBe('object');
  });

  it('refuses a caller who is not signed in', async () => {
    await problem(await anonymous('/v1/topics'), 401);
  });
});

describe('GET /v1/subscriptions', () => {
  it('shows an operator each subscription with its queue counts, lag and dead letters', async () => {
    await deadLetter(`evt_${randomUUID()}`);
    const res = await asOperator('/v1/subscriptions');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    expect(body.items).toContainEqual(
      expect.objectContaining({ id: subscription, waiting: 0, lagSeconds: 0, deadLetters: 1 }),
    );
  });

  it('is refused to a member', async () => {
    await problem(await asMember('/v1/subscriptions'), 403);
  });
});

describe('dead letters', () => {
  it('lists and shows one with every attempt to an operator, and refuses a member', async () => {
    const id = await deadLetter(`evt_${randomUUID()}`);
    const list = await asOperator(
      `/v1/dead-letters?subscription=${encodeURIComponent(subscription)}`,
    );
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((d) => d.id)).toContain(
      id,
    );
    const one = await asOperator(`/v1/dead-letters/${id}`);
    expect(await one.json()).toMatchObject({ id, attempts: [{ attempt: 1, error: 'boom' }] });
    await problem(await asMember('/v1/dead-letters'), 403);
    await problem(await asOperator('/v1/dead-letters/dlq_missing'), 404);
  });

  it('replays one with the same event id, audited and traced with the admin', async () => {
    const eventId = `evt_${randomUUID()}`;
    const id = await deadLetter(eventId);
    await problem(await asOperator(`/v1/dead-letters/${id}/replay`, { method: 'POST' }), 403);
    const res = await asAdmin(`/v1/dead-letters/${id}/replay`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'replayed', resolvedBy: 'usr_admin' });
    const jobs = await inspect.getJobs(['wait']);
    expect(jobs.map((job) => job.data)).toContainEqual(
      expect.objectContaining({ id: eventId, replayedBy: 'usr_admin' }),
    );
    const trace = await database.db
      .select()
      .from(messageTrace)
      .where(eq(messageTrace.eventId, eventId));
    expect(trace).toMatchObject([{ stage: 'replayed', actor: 'usr_admin', subscription }]);
    const audit = await database.db
      .select()
      .from(messagingAudit)
      .where(eq(messagingAudit.target, id));
    expect(audit).toMatchObject([{ action: 'dead_letter.replay', actor: 'usr_admin' }]);
    const again = await problem(
      await asAdmin(`/v1/dead-letters/${id}/replay`, { method: 'POST' }),
      409,
    );
    expect(again).toMatchObject({ currentStatus: 'replayed' });
  });

  it('resends an edited payload after checking it against the topic schema', async () => {
    const eventId = `evt_${randomUUID()}`;
    const id = await deadLetter(eventId, { id: 'ord_1', amount: 'bad' });
    const refused = await problem(
      await asAdmin(`/v1/dead-letters/${id}/resend`, {
        method: 'POST',
        json: { payload: { id: 'ord_1' } },
      }),
      400,
    );
    expect(refused.errors.map((error) => error.path)).toEqual(['payload.amount']);
    const missing = await problem(
      await asAdmin(`/v1/dead-letters/${id}/resend`, { method: 'POST', json: {} }),
      400,
    );
    expect(missing.errors.map((error) => error.path)).toEqual(['payload']);
    const res = await asAdmin(`/v1/dead-letters/${id}/resend`, {
      method: 'POST',
      json: { payload: { id: 'ord_1', amount: 42 } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'replayed', payload: { amount: 42 } });
    const jobs = await inspect.getJobs(['wait']);
    expect(jobs.map((job) => job.data)).toContainEqual(
      expect.objectContaining({ id: eventId, payload: { id: 'ord_1', amount: 42 } }),
    );
    const stages = await database.db
      .select()
      .from(messageTrace)
      .where(eq(messageTrace.eventId, eventId));
    expect(stages.map((stage) => stage.stage)).toEqual(['edited', 'replayed']);
  });

  it('discards one, audited and traced, and refuses an operator', async () => {
    const eventId = `evt_${randomUUID()}`;
    const id = await deadLetter(eventId);
    await problem(await asOperator(`/v1/dead-letters/${id}/discard`, { method: 'POST' }), 403);
    const res = await asAdmin(`/v1/dead-letters/${id}/discard`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ status: 'discarded', resolvedBy: 'usr_admin' });
    const audit = await database.db
      .select()
      .from(messagingAudit)
      .where(eq(messagingAudit.target, id));
    expect(audit).toMatchObject([{ action: 'dead_letter.discard' }]);
  });

  it('replays by filter every dead one of a subscription', async () => {
    const ids = [await deadLetter(`evt_${randomUUID()}`), await deadLetter(`evt_${randomUUID()}`)];
    const res = await asAdmin('/v1/dead-letters/replay', {
      method: 'POST',
      json: { subscription },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replayed: number; items: { id: string }[] };
    expect(body.items.map((item) => item.id)).toEqual(expect.arrayContaining(ids));
    const bad = await problem(
      await asAdmin('/v1/dead-letters/replay', { method: 'POST', json: { limit: 0 } }),
      400,
    );
    expect(bad.errors.map((error) => error.path)).toEqual(['limit']);
  });
});

describe('GET /v1/trace', () => {
  it('finds an event’s stages by id and by topic for an operator', async () => {
    const eventId = `evt_${randomUUID()}`;
    await database.db.insert(messageTrace).values([
      {
        eventId,
        topic: 'order.paid',
        key: 'ord_9',
        subscription,
        stage: 'failed',
        attempt: 1,
        at: clock.now,
        error: 'boom',
      },
      {
        eventId,
        topic: 'order.paid',
        key: 'ord_9',
        subscription,
        stage: 'handled',
        attempt: 2,
        at: clock.now,
      },
    ]);
    const byId = await asOperator(`/v1/trace?eventId=${eventId}`);
    expect(await byId.json()).toMatchObject({
      items: [{ eventId, stages: [{ stage: 'failed', error: 'boom' }, { stage: 'handled' }] }],
    });
    const byKey = await asOperator('/v1/trace?key=ord_9');
    expect(((await byKey.json()) as { items: { eventId: string }[] }).items[0]?.eventId).toBe(
      eventId,
    );
    await problem(await asMember(`/v1/trace?eventId=${eventId}`), 403);
  });

  it('needs an event id, key or topic, naming eventId', async () => {
    const bad = await problem(await asOperator('/v1/trace'), 400);
    expect(bad.errors.map((error) => error.path)).toEqual(['eventId']);
  });
});
