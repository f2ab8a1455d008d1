import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readEventStream, type ServerSentEvent } from '@trellis/kit';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Account,
  expectStatus,
  type IdentityPlatform,
  startIdentityPlatform,
  waitFor,
} from '../identity/platform.ts';

/**
 * Issue 11's flows across the platform as `npm start` runs it: the config center, users,
 * orders, meetings and messaging, each a process from its main.ts, every one on Redis so the
 * domains' subscriptions run and messaging relays the outbox. A suspension made by an admin
 * reaches orders and meetings; a member's webhook endpoint hears of their own paid order only,
 * signed per Standard Webhooks; a member's live stream gives their events in order and, after a
 * reconnect with Last-Event-ID, the ones missed.
 */

/** How late after the suspension's answer orders and meetings may show it (issue 11). */
const suspensionBudgetMs = 1000;

let platform: IdentityPlatform;
let redis: { url: string; close(): Promise<void> };
/** Each suspension's latency, with where it went (from messaging's trace), for the log. */
const latencies: string[] = [];

/**
 * A Redis database of its own (1–15, the first found empty), so queues of other test runs on
 * the same server (same names, same prefix) never take this platform's jobs.
 */
async function ownRedisDatabase(base: string): Promise<{ url: string; close(): Promise<void> }> {
  const offset = Math.floor(Math.random() * 15);
  for (let step = 0; step < 15; step++) {
    const url = new URL(base);
    url.pathname = `/${1 + ((offset + step) % 15)}`;
    const client = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    const claimed = await client.set('trellis:flows-test:claim', '1', 'NX');
    if (claimed === 'OK' && (await client.dbsize()) === 1) {
      return {
        url: url.toString(),
        async close() {
          await client.flushdb();
          await client.quit();
        },
      };
    }
    if (claimed === 'OK') {
      await client.del('trellis:flows-test:claim');
    }
    await client.quit();
  }
  throw new Error(`no empty Redis database at ${base}`);
}

beforeAll(async () => {
  redis = await ownRedisDatabase(inject('redisUrl'));
  platform = await startIdentityPlatform(inject('adminDatabaseUrl'), {
    redisUrl: redis.url,
    accessTtlSeconds: 600,
  });
  // Subscriptions are declared once each consumer's workers start, after it answers /readyz;
  // an event relayed before its subscription exists reaches nobody.
  const wanted = [
    'orders/user.suspended',
    'meetings/user.suspended',
    'push/order.created',
    'push/order.paid',
    'push/order.cancelled',
  ];
  await waitFor(
    'the subscriptions of orders, meetings and push',
    async () => {
      const listed = await platform.call('messaging', 'GET', '/v1/subscriptions', {
        token: await platform.adminToken(),
      });
      const ids = ((listed.body.items ?? []) as { id: string }[]).map((item) => item.id);
      return wanted.every((id) => ids.includes(id));
    },
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await redis?.close();
  if (latencies.length > 0) {
    process.stdout.write(
      `user.suspended → orders and meetings, ms after the suspension answered: ${latencies.join(
        '; ',
      )}\n`,
    );
  }
});

const tea = { sku: 'TEA-EARL-GREY-100G', quantity: 1, unitPriceCents: 1250 };

async function placeOrder(member: Account): Promise<string> {
  const placed = await platform.call('orders', 'POST', '/v1/orders', {
    token: await platform.token(member),
    json: { userId: member.id, currency: 'EUR', items: [tea] },
  });
  return String(expectStatus(placed, 201, 'placing an order').body.id);
}

async function orderStep(member: Account, id: string, step: 'pay' | 'cancel'): Promise<void> {
  const done = await platform.call('orders', 'POST', `/v1/orders/${id}/${step}`, {
    token: await platform.token(member),
  });
  expectStatus(done, 200, `${step} of order ${id}`);
}

async function orderStatus(id: string): Promise<string> {
  const got = await platform.call('orders', 'GET', `/v1/orders/${id}`, {
    token: await platform.adminToken(),
  });
  return String(expectStatus(got, 200, `reading order ${id}`).body.status);
}

interface MeetingView {
  status: string;
  attendees: { userId: string }[];
}

async function meeting(id: string): Promise<MeetingView> {
  const got = await platform.call('meetings', 'GET', `/v1/meetings/${id}`, {
    token: await platform.adminToken(),
  });
  return expectStatus(got, 200, `reading meeting ${id}`).body as unknown as MeetingView;
}

let slot = 0;

/** A meeting tomorrow or later, in an hour no other meeting of this file takes. */
async function scheduleMeeting(roomId: string, organizer: Account, attendees: Account[]) {
  slot += 1;
  const startsAt = new Date(Date.now() + 86_400_000 + slot * 3_600_000);
  startsAt.setUTCMinutes(0, 0, 0);
  const made = await platform.call('meetings', 'POST', '/v1/meetings', {
    token: await platform.token(organizer),
    json: {
      title: `flows ${slot}`,
      organizerId: organizer.id,
      roomId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString(),
      attendeeIds: attendees.map((attendee) => attendee.id),
    },
  });
  return String(expectStatus(made, 201, 'scheduling a meeting').body.id);
}

interface Traced {
  committedAt: string | null;
  relayedAt: string | null;
  stages: { stage: string; subscription: string | null; at: string }[];
}

/** Where a suspension's time went: relay and each handler, in ms after the suspension's answer. */
async function traceOf(userId: string, answered: number): Promise<string> {
  const found = await platform.call(
    'messaging',
    'GET',
    `/v1/trace?topic=user.suspended&key=${userId}`,
    { token: await platform.adminToken() },
  );
  const [event] = (found.body.items ?? []) as Traced[];
  if (!event) {
    return 'no trace';
  }
  const answeredAt = Date.now() - (performance.now() - answered);
  const after = (at: string | null) => (at ? `${Date.parse(at) - answeredAt}` : '-');
  const handled = event.stages
    .filter((stage) => stage.stage === 'handled')
    .map((stage) => `${stage.subscription} ${after(stage.at)}`);
  return [
    `committed ${after(event.committedAt)}`,
    `relayed ${after(event.relayedAt)}`,
    ...handled,
  ].join(', ');
}

/**
 * How long the platform itself took to act on a suspension, from its own records: the
 * `user.suspended` event's commit to the later of orders' and meetings' handlers finishing (the
 * trace's `handled` rows). Not this test's polling, which a loaded machine slows down.
 */
async function handledWithin(userId: string): Promise<number> {
  let latency = Number.NaN;
  await waitFor('both handlers traced', async () => {
    const found = await platform.call(
      'messaging',
      'GET',
      `/v1/trace?topic=user.suspended&key=${userId}`,
      { token: await platform.adminToken() },
    );
    const [event] = (found.body.items ?? []) as Traced[];
    const handledAt = (subscription: string) =>
      event?.stages.find((one) => one.stage === 'handled' && one.subscription === subscription)?.at;
    const orders = handledAt('orders/user.suspended');
    const meetings = handledAt('meetings/user.suspended');
    if (!event?.committedAt || !orders || !meetings) {
      return false;
    }
    latency = Math.max(Date.parse(orders), Date.parse(meetings)) - Date.parse(event.committedAt);
    return true;
  });
  return latency;
}

describe('user.suspended through the admin', () => {
  let roomId: string;

  beforeAll(async () => {
    const room = await platform.call('meetings', 'POST', '/v1/rooms', {
      token: await platform.adminToken(),
      json: { name: `Flows room ${crypto.randomUUID().slice(0, 6)}`, capacity: 10 },
    });
    roomId = String(expectStatus(room, 201, 'creating a room').body.id);
  });

  // Three suspensions one after another, so the budget is held by each, not by one lucky run.
  for (const round of [1, 2, 3]) {
    it(`cancels the user's pending orders and withdraws them from future meetings within a second (run ${round})`, async () => {
      const suspended = await platform.createAccount(`suspended-${round}`);
      const colleague = await platform.createAccount(`colleague-${round}`);
      const pending = [await placeOrder(suspended), await placeOrder(suspended)];
      const paid = await placeOrder(suspended);
      await orderStep(suspended, paid, 'pay');
      const colleagueOrder = await placeOrder(colleague);
      const organized = await scheduleMeeting(roomId, suspended, [colleague]);
      const invitedTo = await scheduleMeeting(roomId, colleague, [suspended]);

      // As the console's server action does: the admin's token on users' suspend.
      const suspension = await platform.call('users', 'POST', `/v1/users/${suspended.id}/suspend`, {
        token: await platform.adminToken(),
      });
      expectStatus(suspension, 200, 'suspending the user');
      const answered = performance.now();

      await Promise.all([
        waitFor('the pending orders cancelled', async () => {
          const statuses = await Promise.all(pending.map(orderStatus));
          return statuses.every((status) => status === 'cancelled');
        }),
        waitFor(
          'the meeting they organize cancelled',
          async () => (await meeting(organized)).status === 'cancelled',
        ),
        waitFor(
          'them gone from the meeting they were invited to',
          async () =>
            !(await meeting(invitedTo)).attendees.some((one) => one.userId === suspended.id),
        ),
      ]);
      const seen = performance.now() - answered;
      const latency = await handledWithin(suspended.id);
      latencies.push(
        `${latency.toFixed(0)} handled, ${seen.toFixed(0)} seen through the APIs (${await traceOf(suspended.id, answered)})`,
      );

      expect(await orderStatus(paid)).toBe('paid');
      expect(await orderStatus(colleagueOrder)).toBe('pending_payment');
      const stillOn = await meeting(invitedTo);
      expect(stillOn.status).toBe('scheduled');
      expect(stillOn.attendees.map((one) => one.userId)).toEqual([]);
      expect(
        latency,
        `ms from the suspension's commit to both handlers done, as the trace records them`,
      ).toBeLessThanOrEqual(suspensionBudgetMs);
    });
  }
});

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver on 127.0.0.1 answering 204 to everything, keeping what it received. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: flat(req.headers), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
}

/** What an operator does in the console: lets webhooks reach 127.0.0.1, and waits for it to apply. */
async function allowLoopbackWebhooks(): Promise<void> {
  const token = await platform.adminToken();
  const draft = await platform.call('config', 'PUT', '/v1/config/dev/messaging/draft', {
    token,
    json: { values: { webhooks: { allowPrivateTargets: ['127.0.0.1'] } } },
  });
  expectStatus(draft, 200, 'saving the messaging draft');
  const release = await platform.call('config', 'POST', '/v1/config/dev/messaging/releases', {
    token,
    json: { comment: 'webhooks to the test receiver on 127.0.0.1' },
  });
  const revision = Number(expectStatus(release, 201, 'publishing').body.revision);
  await waitFor('messaging to apply the release', async () => {
    const instances = await platform.call('config', 'GET', '/v1/config/dev/messaging/instances', {
      token,
    });
    const items = (instances.body.items ?? []) as { revision: number; status: string }[];
    return items.some((item) => item.revision >= revision && item.status === 'applied');
  });
}

interface WebhookBody {
  type: string;
  data: { order: { id: string; userId: string; status: string } };
}

describe('webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    await allowLoopbackWebhooks();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  async function register(member: Account, path: string) {
    const created = await platform.call('messaging', 'POST', '/v1/webhook-endpoints', {
      token: await platform.token(member),
      json: { url: `${receiver.url}${path}`, eventTypes: ['order.paid'] },
    });
    const body = expectStatus(created, 201, `registering ${path}`).body;
    expect(body.scope).toBe('own');
    expect(String(body.secret)).toMatch(/^whsec_/);
    return { id: String(body.id), secret: String(body.secret), member };
  }

  /** What messaging says it did for an endpoint: for a failure's message. */
  async function deliveriesOf(endpoint: { id: string; member: Account }) {
    const listed = await platform.call(
      'messaging',
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
      { token: await platform.token(endpoint.member) },
    );
    return JSON.stringify(listed.body);
  }

  it("deliver a member's order.paid of their own order, signed, and not another member's", async () => {
    const ann = await platform.createAccount('webhook-ann');
    const bob = await platform.createAccount('webhook-bob');
    const annEndpoint = await register(ann, '/ann');
    const bobEndpoint = await register(bob, '/bob');
    const annSecret = annEndpoint.secret;
    const bobSecret = bobEndpoint.secret;
    const bobsOrder = await placeOrder(bob);
    await orderStep(bob, bobsOrder, 'pay');
    const annsOrder = await placeOrder(ann);
    await orderStep(ann, annsOrder, 'pay');

    const at = (path: string) => receiver.received.filter((one) => one.path === path);
    await waitFor(
      'both deliveries',
      async () => at('/ann').length > 0 && at('/bob').length > 0,
    ).catch(async (error: Error) => {
      const said = [await deliveriesOf(annEndpoint), await deliveriesOf(bobEndpoint)];
      throw new Error(`${error.message}; messaging's deliveries: ${said.join(' / ')}`);
    });
    const verified = (secret: string, delivery: Received) =>
      new Webhook(secret).verify(delivery.body, delivery.headers) as WebhookBody;

    const [annDelivery] = at('/ann');
    if (!annDelivery) {
      throw new Error('no delivery to ann');
    }
    const annEvent = verified(annSecret, annDelivery);
    expect(annEvent.type).toBe('order.paid');
    expect(annEvent.data.order).toMatchObject({ id: annsOrder, userId: ann.id, status: 'paid' });
    expect(annDelivery.headers['webhook-id']).toMatch(/\S/);
    // Ann's secret does not vouch for Bob's delivery, and Bob's endpoint got only his order.
    const [bobDelivery] = at('/bob');
    if (!bobDelivery) {
      throw new Error('no delivery to bob');
    }
    expect(() => verified(annSecret, bobDelivery)).toThrow();
    expect(verified(bobSecret, bobDelivery).data.order.id).toBe(bobsOrder);
    // Bob's delivery came, so his event was pushed: none of it reached Ann.
    expect(at('/ann').map((one) => verified(annSecret, one).data.order.id)).toEqual([annsOrder]);
    expect(at('/bob').map((one) => verified(bobSecret, one).data.order.id)).toEqual([bobsOrder]);
  });
});

/** The member's live stream over real HTTP, read as events arrive. */
async function openStream(member: Account, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${platform.url('messaging')}/v1/streams/me`, {
    headers: {
      authorization: `Bearer ${await platform.token(member)}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events = readEventStream(res.body as ReadableStream<Uint8Array>, {
    signal: controller.signal,
  });
  return {
    async next(count: number): Promise<ServerSentEvent[]> {
      const got: ServerSentEvent[] = [];
      const timer = setTimeout(() => controller.abort(), 15_000);
      try {
        while (got.length < count) {
          const { value, done } = await events.next();
          if (done) {
            throw new Error(`the stream ended after ${got.length} of ${count} events`);
          }
          got.push(value);
        }
      } finally {
        clearTimeout(timer);
      }
      return got;
    },
    close: () => controller.abort(),
  };
}

interface StreamData {
  id: string;
  topic: string;
  payload: { order?: { id: string }; user?: { id: string } };
}

function seen(events: ServerSentEvent[]) {
  return events.map((event) => {
    const data = JSON.parse(event.data) as StreamData;
    expect(data.topic).toBe(event.event);
    return `${event.event} ${data.payload.order?.id ?? data.payload.user?.id}`;
  });
}

describe('GET /v1/streams/me', () => {
  it("delivers the member's events in order and, after a reconnect with Last-Event-ID, the missed ones", async () => {
    const cleo = await platform.createAccount('stream-cleo');
    const dan = await platform.createAccount('stream-dan');
    const stream = await openStream(cleo);
    // From the start, her account's creation comes first.
    expect(seen(await stream.next(1))).toEqual([`user.created ${cleo.id}`]);
    const first = await placeOrder(cleo);
    await orderStep(cleo, first, 'pay');
    await placeOrder(dan);
    const live = await stream.next(2);
    expect(seen(live)).toEqual([`order.created ${first}`, `order.paid ${first}`]);
    const ids = live.map((event) => Number(event.id));
    expect(ids[1]).toBeGreaterThan(ids[0] ?? Number.POSITIVE_INFINITY);
    stream.close();

    // Away: these happen while no stream is open.
    const second = await placeOrder(cleo);
    await orderStep(cleo, second, 'cancel');
    const third = await placeOrder(cleo);
    await orderStep(cleo, third, 'pay');

    const resumed = await openStream(cleo, live[1]?.id);
    const missed = await resumed.next(4);
    resumed.close();
    expect(seen(missed), seen(missed).join(' | ')).toEqual([
      `order.created ${second}`,
      `order.cancelled ${second}`,
      `order.created ${third}`,
      `order.paid ${third}`,
    ]);
    const resumedIds = missed.map((event) => Number(event.id));
    expect(resumedIds).toEqual([...resumedIds].sort((a, b) => a - b));
    expect(resumedIds[0]).toBeGreaterThan(ids[1] ?? Number.POSITIVE_INFINITY);
  });
});
