import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deadLetters } from '@trellis/db/schema';
import { createLogger } from '@trellis/kit';
import {
  createSubscriber,
  queueName,
  queuePrefix,
  redisConnection,
  type Subscriber,
} from '@trellis/kit/messaging';
import { orderPaid } from '@trellis/orders/topics';
import { Queue } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { RedisOptions } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertText, screenshot, unlabelledFields } from './browser.ts';
import { consoleHarness, logins } from './harness.ts';

const harness = consoleHarness();
const { as, bearerOf, configApi, userToken } = harness;

// Queues are named after subscriptions: a fresh group keeps this run apart on a shared Redis.
const run = randomUUID().slice(0, 8);
const subscription = `e2e-${run}/order.paid`;
let queue: Queue;

/**
 * Dead letters the way they happen: a consumer (this test, subscribed with the kit like any
 * service) fails every attempt at orders paid for real, until the kit gives up on each.
 */
let subscriber: Subscriber;

async function payOrder(): Promise<string> {
  const { orders } = harness.platform.serviceUrls;
  const member = await bearerOf(logins.member);
  const created = await fetch(`${orders}/v1/orders`, {
    method: 'POST',
    headers: { ...member, 'content-type': 'application/json' },
    body: JSON.stringify({
      userId: subjectOf(await userToken(logins.member)),
      currency: 'USD',
      items: [{ sku: 'SKU-E2E-LEDGER', quantity: 1, unitPriceCents: 4200 }],
    }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const paid = await fetch(`${orders}/v1/orders/${id}/pay`, { method: 'POST', headers: member });
  expect(paid.ok, `paying answered ${paid.status}`).toBe(true);
  return id;
}

/** The dead letter the failing consumer left for this order, once it is there. */
async function deadLetterOf(orderId: string) {
  const { db } = harness.platform.database;
  // Polled by hand: expect.poll only runs inside a test, and this runs in beforeAll.
  const deadline = Date.now() + 30_000;
  let found: { id: string; eventId: string; payload: Record<string, unknown> } | undefined;
  while (!found && Date.now() < deadline) {
    [found] = await db
      .select()
      .from(deadLetters)
      .where(and(eq(deadLetters.subscription, subscription), eq(deadLetters.key, orderId)));
    if (!found) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  if (!found) {
    throw new Error(`No dead letter for ${orderId} in ${subscription} within 30 s`);
  }
  const letter = found as { id: string; eventId: string; payload: Record<string, unknown> };
  return { id: letter.id, eventId: letter.eventId, orderId, payload: letter.payload };
}

/** The job on the subscription's queue that carries this event, if any. */
async function queuedEvent(eventId: string) {
  const jobs = await queue.getJobs(['wait', 'delayed']);
  return jobs.find((job) => job.data?.id === eventId);
}

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A webhook consumer on 127.0.0.1: answers 200 and keeps what it was sent. */
function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`received ${received.length}`);
    });
  });
  return { server, received };
}

const receiver = startReceiver();

/** The id (`sub`) of a users-service access token. */
function subjectOf(token: string): string {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub as string;
}

/**
 * Lets messaging deliver to loopback (its live config `webhooks.allowPrivateTargets`), published
 * through the config center as an operator would: outbound delivery refuses it by default (SSRF).
 */
async function allowLoopbackTargets() {
  const token = await userToken(logins.admin);
  const drafted = await configApi('/v1/config/dev/messaging/draft', {
    method: 'PUT',
    token,
    body: JSON.stringify({ values: { webhooks: { allowPrivateTargets: ['127.0.0.1'] } } }),
  });
  expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
  const published = await configApi('/v1/config/dev/messaging/releases', {
    method: 'POST',
    token,
    body: JSON.stringify({ comment: 'Deliver to the test receiver on 127.0.0.1' }),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
}

type Letter = Awaited<ReturnType<typeof deadLetterOf>>;
let first: Letter;
let second: Letter;
let third: Letter;

beforeAll(async () => {
  const { redisUrl, database } = harness.platform;
  subscriber = createSubscriber({
    service: 'e2e',
    instanceId: `e2e-${run}`,
    db: database.db,
    redis: redisConnection(redisUrl),
    logger: createLogger({ service: 'e2e', instance: run, level: 'silent' }),
  });
  const subscribed = subscriber.subscribe(
    orderPaid,
    `e2e-${run}`,
    (_payload, { attempt }) => {
      throw new Error(`ledger unavailable (attempt ${attempt})`);
    },
    { retry: { attempts: 3, backoff: [50, 50] } },
  );
  await subscriber.start();
  await subscribed.ready;
  const paid = [await payOrder(), await payOrder(), await payOrder()];
  [first, second, third] = (await Promise.all(paid.map(deadLetterOf))) as [Letter, Letter, Letter];
  // Replays then wait on the queue, where the tests find them under their event ids.
  await subscriber.stop();
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  await allowLoopbackTargets();
  queue = new Queue(queueName(subscription), {
    connection: redisConnection(harness.platform.redisUrl) as RedisOptions,
    prefix: queuePrefix,
  });
});

afterAll(async () => {
  await subscriber?.stop();
  await new Promise((resolve) => receiver.server.close(resolve));
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
});

describe('the messaging console', () => {
  it('lets an admin inspect a dead letter and replay it, keeping its event id', async () => {
    const { page } = await as('admin');
    await page.getByRole('link', { name: 'Messaging' }).click();
    await page.waitForURL('**/messaging/subscriptions');
    await page.getByTestId(`subscription-${subscription}`).waitFor();
    await page.goto(
      `${harness.platform.adminUrl}/messaging/dead-letters?subscription=${encodeURIComponent(subscription)}`,
    );
    await page.getByTestId(`dead-letter-${first.id}`).waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'messaging-dead-letters');

    await page.getByTestId(`dead-letter-${first.id}`).getByRole('link').click();
    await page.waitForURL(`**/messaging/dead-letters/${first.id}`);
    expect(await page.getByTestId('dead-letter-payload').textContent()).toContain(first.orderId);
    const attempts = page.getByTestId('dead-letter-attempts');
    for (const attempt of [1, 2, 3]) {
      await attempts.getByText(`ledger unavailable (attempt ${attempt})`).waitFor();
    }
    await page.getByText('traceparent').waitFor();
    await screenshot(page, 'messaging-dead-letter');

    await page.getByRole('button', { name: 'Replay…' }).click();
    await page.getByTestId('dead-letter-confirm').waitFor();
    await screenshot(page, 'messaging-replay-confirm', false);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByRole('status').filter({ hasText: first.eventId }).waitFor();
    await page.getByTestId('dead-letter-status').filter({ hasText: 'Replayed' }).waitFor();
    await page
      .getByText(`by ${logins.admin.email}`)
      .or(page.getByText(/ by usr_/))
      .first()
      .waitFor();
    await screenshot(page, 'messaging-replayed');

    // The event is back on its subscription's queue under the same event id (the job's own id
    // differs, so an earlier job of the event does not swallow the replay).
    const job = await queuedEvent(first.eventId);
    expect(job?.data).toMatchObject({
      id: first.eventId,
      payload: { order: { id: first.orderId } },
    });
    expect(job?.data.replayedBy).toMatch(/^usr_/);
    const [row] = await harness.platform.database.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.id, first.id));
    expect(row?.status).toBe('replayed');
  });

  it('checks an edited payload as it is typed before an admin resends it', async () => {
    const { page } = await as('admin');
    await page.goto(`${harness.platform.adminUrl}/messaging/dead-letters/${second.id}`);
    await page.getByRole('button', { name: 'Edit and resend…' }).click();
    const editor = page.getByRole('textbox', { name: 'Payload' });
    await editor.fill(`{ "order": { "id": "${second.orderId}", `);
    await page.getByText(/Payload is not JSON/).waitFor();
    expect(await page.getByRole('button', { name: 'Resend…' }).isDisabled()).toBe(true);
    await screenshot(page, 'messaging-resend-invalid', false);
    const order = second.payload.order as Record<string, unknown>;
    const edited = { ...second.payload, order: { ...order, totalCents: 1990 } };
    await editor.fill(JSON.stringify(edited, null, 2));
    await page.getByRole('button', { name: 'Resend…' }).click();
    await page.getByRole('button', { name: 'Resend', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'edited payload' }).waitFor();
    await page.getByTestId('dead-letter-status').filter({ hasText: 'Replayed' }).waitFor();
    const job = await queuedEvent(second.eventId);
    expect(job?.data.payload).toEqual(edited);
  });

  it('shows an operator dead letters and their attempts but no way to replay them', async () => {
    const operatorLetter = third;
    const { page } = await as('operator');
    await page.goto(`${harness.platform.adminUrl}/messaging/dead-letters`);
    await page.getByTestId(`dead-letter-${operatorLetter.id}`).waitFor();
    expect(await page.getByRole('button', { name: /Replay all matching/ }).count()).toBe(0);
    await page.goto(`${harness.platform.adminUrl}/messaging/dead-letters/${operatorLetter.id}`);
    expect(await alertText(page, 'For admins only')).toContain('Only admins may replay');
    await page.getByTestId('dead-letter-attempts').waitFor();
    expect(await page.getByRole('button', { name: 'Replay…' }).count()).toBe(0);
    await screenshot(page, 'messaging-operator-dead-letter');

    // Nor may the operator's own token replay it at the service.
    const refused = await fetch(
      `${harness.platform.serviceUrls.messaging}/v1/dead-letters/${operatorLetter.id}/replay`,
      { method: 'POST', headers: await bearerOf(logins.operator) },
    );
    expect(refused.status).toBe(403);
    const [row] = await harness.platform.database.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.id, operatorLetter.id));
    expect(row?.status).toBe('dead');
  });

  it('shows subscriptions with their figures, the topics with their schemas and the trace', async () => {
    const { page } = await as('operator');
    await page.goto(`${harness.platform.adminUrl}/messaging/subscriptions`);
    const row = page.getByTestId(`subscription-${subscription}`);
    await row.waitFor();
    await page.getByTestId(`subscription-charts-${subscription}`).waitFor();
    await screenshot(page, 'messaging-subscriptions');

    await page.getByRole('link', { name: 'Topics' }).click();
    await page.waitForURL('**/messaging/topics');
    await screenshot(page, 'messaging-topics');

    await page.goto(
      `${harness.platform.adminUrl}/messaging/trace?eventId=${encodeURIComponent(first.eventId)}`,
    );
    await page.getByTestId(`trace-${first.eventId}`).getByText('replayed').first().waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'messaging-trace');

    await page.goto(harness.platform.adminUrl);
    await page.getByTestId('service-card-messaging').waitFor();
    await screenshot(page, 'messaging-overview');
  });
});

describe('webhooks in the messaging console', () => {
  it('shows a real delivery in an endpoint’s log and replays it with the same webhook-id', async () => {
    const { messaging, orders } = harness.platform.serviceUrls;
    const member = await bearerOf(logins.member);
    const memberId = subjectOf(await userToken(logins.member));
    const url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    // The member registers their own endpoint, once the config that allows loopback is live.
    let created: { id: string; secret: string } | undefined;
    await expect
      .poll(
        async () => {
          const response = await fetch(`${messaging}/v1/webhook-endpoints`, {
            method: 'POST',
            headers: { ...member, 'content-type': 'application/json' },
            body: JSON.stringify({ url, eventTypes: ['order.paid'], description: `e2e ${run}` }),
          });
          if (response.status === 201) {
            created = await response.json();
          }
          return response.status;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(201);
    const endpoint = created as { id: string; secret: string };

    // A real pushable event: the member pays their own order; its audience is the order's user.
    const order = await fetch(`${orders}/v1/orders`, {
      method: 'POST',
      headers: { ...member, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: memberId,
        currency: 'USD',
        items: [{ sku: 'SKU-E2E-WEBHOOK', quantity: 2, unitPriceCents: 1250 }],
      }),
    });
    expect(order.status).toBe(201);
    const { id: orderId } = (await order.json()) as { id: string };
    const paid = await fetch(`${orders}/v1/orders/${orderId}/pay`, {
      method: 'POST',
      headers: member,
    });
    expect(paid.ok, `paying answered ${paid.status}`).toBe(true);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    const verifier = new Webhook(endpoint.secret);
    const delivered = receiver.received[0] as Received;
    const event = verifier.verify(delivered.body, delivered.headers) as {
      type: string;
      data: { order: { id: string } };
    };
    expect(event).toMatchObject({ type: 'order.paid', data: { order: { id: orderId } } });

    const { page } = await as('admin');
    await page.goto(`${harness.platform.adminUrl}/messaging/webhooks`);
    const row = page.getByTestId(`webhook-endpoint-${endpoint.id}`);
    await row.getByText(logins.member.email).waitFor();
    expect(await row.textContent()).toContain('order.paid');
    await row.getByTestId('webhook-endpoint-status').filter({ hasText: 'Enabled' }).waitFor();
    await screenshot(page, 'messaging-webhooks');

    await row.getByRole('link', { name: url }).click();
    await page.waitForURL(`**/messaging/webhooks/${endpoint.id}`);
    const deliveries = page.locator('[data-testid^="webhook-delivery-whdl_"]');
    await deliveries.first().waitFor();
    expect(await deliveries.count()).toBe(1);
    const delivery = deliveries.first();
    const deliveryId = ((await delivery.getAttribute('data-testid')) ?? '').replace(
      'webhook-delivery-',
      '',
    );
    await delivery
      .getByTestId('webhook-delivery-status')
      .filter({ hasText: 'Succeeded' })
      .waitFor();
    expect(await delivery.getByTestId('webhook-delivery-attempts').textContent()).toBe('1');
    expect(await delivery.getByTestId('webhook-delivery-latency').textContent()).toMatch(
      /^\d+(\.\d)? ms$/,
    );
    expect(await delivery.textContent()).toContain('received 1');
    await page.getByTestId(`webhook-attempts-${deliveryId}`).getByText('The attempt').click();
    await page.getByTestId(`webhook-attempt-${deliveryId}-1`).getByText('200').waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'messaging-webhook-deliveries');

    await page.getByRole('button', { name: 'Replay…' }).click();
    await page.getByTestId('webhook-delivery-confirm').waitFor();
    await screenshot(page, 'messaging-webhook-replay-confirm', false);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'same webhook-id' }).waitFor();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    const replayed = receiver.received[1] as Received;
    expect(replayed.headers['webhook-id']).toBe(delivered.headers['webhook-id']);
    expect(verifier.verify(replayed.body, replayed.headers)).toMatchObject({
      type: 'order.paid',
    });

    // The log shows the second attempt once the service has written it.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId(`webhook-attempt-${deliveryId}-2`).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    expect(await delivery.getByTestId('webhook-delivery-attempts').textContent()).toBe('2');
    expect(await delivery.textContent()).toContain('received 2');
    await page.getByTestId(`webhook-attempts-${deliveryId}`).getByText('Each of the 2').click();
    await page.getByTestId(`webhook-attempt-${deliveryId}-2`).getByText('200').waitFor();
    await screenshot(page, 'messaging-webhook-replayed');
  });

  it('lets an admin disable an endpoint, asking first, and enable it again', async () => {
    const token = await userToken(logins.member);
    const url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/other`;
    const response = await fetch(`${harness.platform.serviceUrls.messaging}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, eventTypes: ['order.refunded'] }),
    });
    expect(response.status).toBe(201);
    const endpoint = (await response.json()) as { id: string };

    const { page } = await as('admin');
    await page.goto(`${harness.platform.adminUrl}/messaging/webhooks/${endpoint.id}`);
    await page.getByRole('button', { name: 'Disable…' }).click();
    await page.getByTestId('webhook-endpoint-confirm').waitFor();
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'gets nothing' }).waitFor();
    await page
      .getByTestId('webhook-endpoint-disabled-reason')
      .getByText('disabled by hand')
      .waitFor();
    await screenshot(page, 'messaging-webhook-disabled');
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'receives deliveries again' }).waitFor();
    await page.getByTestId('webhook-endpoint-status').filter({ hasText: 'Enabled' }).waitFor();

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(`**/messaging/webhooks?deleted=${endpoint.id}`);
    await page.getByRole('status').filter({ hasText: endpoint.id }).waitFor();
    expect(await page.getByTestId(`webhook-endpoint-${endpoint.id}`).count()).toBe(0);
  });

  it('shows an operator the delivery log but no way to replay or change an endpoint', async () => {
    const { page } = await as('operator');
    await page.goto(`${harness.platform.adminUrl}/messaging/webhooks`);
    await page.locator('[data-testid^="webhook-endpoint-whep_"]').first().getByRole('link').click();
    await page.getByTestId('webhook-deliveries').waitFor();
    expect(await alertText(page, 'For admins only')).toContain('Only admins');
    expect(await page.getByRole('button', { name: /Replay|Disable|Delete/ }).count()).toBe(0);
    await screenshot(page, 'messaging-operator-webhook');
  });
});
