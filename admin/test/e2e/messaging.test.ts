import { randomUUID } from 'node:crypto';
import { deadLetters, messageSubscriptions } from '@trellis/db/schema';
import { queueName, queuePrefix, redisConnection } from '@trellis/kit/messaging';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertText, screenshot, unlabelledFields } from './browser.ts';
import { consoleHarness, logins } from './harness.ts';

const harness = consoleHarness();
const { as, bearerOf } = harness;

// Queues are named after subscriptions: a fresh group keeps this run apart on a shared Redis.
const run = randomUUID().slice(0, 8);
const subscription = `e2e-${run}/order.paid`;
let queue: Queue;

function hexId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

/**
 * A dead letter as the kit's subscriber leaves one after its last attempt. Written directly:
 * the subscriber (branch msg-consumer) is not on this branch yet, so no real handler can fail
 * its way here. The replay it is given to is real: the messaging service's, onto Redis.
 */
async function deadLetter(payload: Record<string, unknown>) {
  const id = hexId('dlq');
  const eventId = hexId('evt');
  const started = Date.now() - 60_000;
  await harness.platform.database.db.insert(deadLetters).values({
    id,
    subscription,
    eventId,
    topic: 'order.paid',
    key: String(payload.id),
    payload,
    headers: {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-request-id': `req_${run}`,
    },
    attempts: [1, 2, 3].map((attempt) => ({
      attempt,
      at: new Date(started + attempt * 10_000).toISOString(),
      durationMs: 4.5 * attempt,
      error: `ledger unavailable (attempt ${attempt})`,
    })),
    lastError: 'ledger unavailable (attempt 3)',
  });
  return { id, eventId };
}

/** The job on the subscription's queue that carries this event, if any. */
async function queuedEvent(eventId: string) {
  const jobs = await queue.getJobs(['wait', 'delayed']);
  return jobs.find((job) => job.data?.id === eventId);
}

let first: { id: string; eventId: string };
let second: { id: string; eventId: string };

beforeAll(async () => {
  const { db } = harness.platform.database;
  await db.insert(messageSubscriptions).values({
    id: subscription,
    topic: 'order.paid',
    group: `e2e-${run}`,
    service: 'orders',
    mode: 'cluster',
    queue: queueName(subscription),
    options: { concurrency: 10, retry: { attempts: 3, backoff: 'exponential' } },
  });
  first = await deadLetter({ id: 'ord_e2e_1', amount: 4200 });
  second = await deadLetter({ id: 'ord_e2e_2', amount: 990 });
  queue = new Queue(queueName(subscription), {
    connection: redisConnection(harness.platform.redisUrl) as RedisOptions,
    prefix: queuePrefix,
  });
});

afterAll(async () => {
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
    expect(await page.getByTestId('dead-letter-payload').textContent()).toContain('ord_e2e_1');
    const attempts = page.getByTestId('dead-letter-attempts');
    for (const attempt of [1, 2, 3]) {
      await attempts.getByText(`ledger unavailable (attempt ${attempt})`).waitFor();
    }
    await page.getByText(`req_${run}`).waitFor();
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
    expect(job?.data).toMatchObject({ id: first.eventId, payload: { id: 'ord_e2e_1' } });
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
    await editor.fill('{ "id": "ord_e2e_2", ');
    await page.getByText(/Payload is not JSON/).waitFor();
    expect(await page.getByRole('button', { name: 'Resend…' }).isDisabled()).toBe(true);
    await screenshot(page, 'messaging-resend-invalid', false);
    await editor.fill('{ "id": "ord_e2e_2", "amount": 1990 }');
    await page.getByRole('button', { name: 'Resend…' }).click();
    await page.getByRole('button', { name: 'Resend', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'edited payload' }).waitFor();
    await page.getByTestId('dead-letter-status').filter({ hasText: 'Replayed' }).waitFor();
    const job = await queuedEvent(second.eventId);
    expect(job?.data.payload).toEqual({ id: 'ord_e2e_2', amount: 1990 });
  });

  it('shows an operator dead letters and their attempts but no way to replay them', async () => {
    const operatorLetter = await deadLetter({ id: 'ord_e2e_3', amount: 10 });
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
