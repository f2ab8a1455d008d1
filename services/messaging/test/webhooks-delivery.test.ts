import { schema } from '@trellis/db';
import type { TestUser } from '@trellis/kit/testing';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type WebhookDelivery,
  WebhookDeliveryPageSchema,
  WebhookEndpointWithSecretSchema,
} from '../src/webhooks/routes/schema.ts';
import {
  createPushHarness,
  meetingScheduled,
  orderPaid,
  type PushHarness,
  type Received,
  startReceiver,
  until,
  userId,
} from './push-harness.ts';

let h: PushHarness;

beforeAll(async () => {
  h = await createPushHarness({ retrySchedule: [0, 300, 600], disableAfterFailedDeliveries: 1 });
});
afterAll(async () => {
  await h.close();
});

const member = (): TestUser => ({ id: userId(), roles: ['member'] });

async function register(user: TestUser, json: Record<string, unknown>) {
  const res = await h.as(user)('/v1/webhook-endpoints', { method: 'POST', json });
  expect(res.status).toBe(201);
  return WebhookEndpointWithSecretSchema.parse(await res.json());
}

function verify(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
}

async function deliveriesOf(user: TestUser, endpointId: string): Promise<WebhookDelivery[]> {
  const res = await h.as(user)(`/v1/webhook-endpoints/${endpointId}/deliveries`);
  expect(res.status).toBe(200);
  return WebhookDeliveryPageSchema.parse(await res.json()).items;
}

const paid = (userIdValue: string, totalCents = 4299) => ({
  orderId: `ord_${crypto.randomUUID().replaceAll('-', '')}`,
  userId: userIdValue,
  totalCents,
});

describe('webhook deliveries', () => {
  it('delivers a signed event that the standardwebhooks package verifies, and logs the attempt', async () => {
    const receiver = await startReceiver();
    const alice = member();
    try {
      const endpoint = await register(alice, { url: receiver.url, eventTypes: ['order.paid'] });
      const event = await h.publish(orderPaid, paid(alice.id));
      const [request] = await until(() => receiver.received.length === 1 && receiver.received);
      const verified = verify(endpoint.secret, request as Received);
      expect(verified).toEqual({
        type: 'order.paid',
        timestamp: expect.any(String),
        data: event.payload,
      });
      expect(request?.headers['webhook-id']).toBe(event.id);
      expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

      const [delivery] = await until(async () => {
        const items = await deliveriesOf(alice, endpoint.id);
        return items[0]?.status === 'succeeded' && items;
      });
      expect(delivery).toMatchObject({ eventId: event.id, attempts: 1, lastStatusCode: 200 });
      expect(delivery?.attemptLog).toEqual([
        expect.objectContaining({ attempt: 1, statusCode: 200, responseExcerpt: 'thanks' }),
      ]);
      expect(delivery?.attemptLog[0]?.latencyMs).toBeGreaterThan(0);
    } finally {
      await receiver.close();
    }
  });

  it('sends own endpoints only their owner’s events, all-scope endpoints everyone’s, by type', async () => {
    const receiver = await startReceiver();
    const alice = member();
    const bob = member();
    const admin: TestUser = { id: userId(), roles: ['admin'] };
    try {
      const own = await register(alice, { url: `${receiver.url}?own` });
      const all = await register(admin, {
        url: `${receiver.url}?all`,
        scope: 'all',
        eventTypes: ['meeting.scheduled'],
      });
      await h.publish(orderPaid, paid(bob.id));
      const meeting = await h.publish(meetingScheduled, {
        meetingId: 'mtg_1',
        attendees: [alice.id, bob.id],
      });
      await until(() => receiver.received.length >= 2 && receiver.received);
      const byEndpoint = (id: string) =>
        h.database.db
          .select()
          .from(schema.webhookDeliveries)
          .where(eq(schema.webhookDeliveries.endpointId, id));
      expect((await byEndpoint(own.id)).map((d) => d.eventId)).toEqual([meeting.id]);
      expect((await byEndpoint(all.id)).map((d) => d.eventId)).toEqual([meeting.id]);
      for (const request of receiver.received) {
        expect(request.headers['webhook-id']).toBe(meeting.id);
      }
    } finally {
      await receiver.close();
    }
  });

  it('retries a failing receiver on the schedule with the same webhook-id, then disables the endpoint and tells its owner', async () => {
    const receiver = await startReceiver(() => 503);
    const carol = member();
    try {
      const endpoint = await register(carol, { url: receiver.url });
      const event = await h.publish(orderPaid, paid(carol.id));
      await until(() => receiver.received.length === 3, 15_000, 'three attempts');
      for (const request of receiver.received) {
        expect(request.headers['webhook-id']).toBe(event.id);
        verify(endpoint.secret, request);
      }
      const [first, second, third] = receiver.received.map((r) => r.at) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(280);
      expect(third - second).toBeGreaterThanOrEqual(580);

      const [delivery] = await until(async () => {
        const items = await deliveriesOf(carol, endpoint.id);
        return items[0]?.status === 'failed' && items;
      });
      expect(delivery?.attempts).toBe(3);
      expect(delivery?.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503]);
      expect(delivery?.attemptLog[0]?.responseExcerpt?.length).toBeLessThanOrEqual(1024);

      const read = await until(async () => {
        const res = await h.as(carol)(`/v1/webhook-endpoints/${endpoint.id}`);
        const body = (await res.json()) as { status: string; disabledReason: string };
        return body.status === 'disabled' && body;
      });
      expect(read.disabledReason).toContain('failed');
      const [notice] = await h.database.db
        .select()
        .from(schema.userStreamEvents)
        .where(
          and(
            eq(schema.userStreamEvents.userId, carol.id),
            eq(schema.userStreamEvents.topic, 'webhook.endpoint.disabled'),
          ),
        );
      expect(notice?.payload).toMatchObject({ endpointId: endpoint.id });
      const audits = await h.database.db
        .select()
        .from(schema.messagingAudit)
        .where(eq(schema.messagingAudit.action, 'webhook.endpoint.disable'));
      expect(audits.map((a) => a.target)).toContain(endpoint.id);

      // A disabled endpoint gets no new deliveries, and a replay waits until it is enabled.
      await h.publish(orderPaid, paid(carol.id));
      const replay = () =>
        h.as(carol)(`/v1/webhook-deliveries/${delivery?.id}/replay`, { method: 'POST' });
      expect((await replay()).status).toBe(409);
      expect(await deliveriesOf(carol, endpoint.id)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('replays a delivery with the same webhook-id', async () => {
    const receiver = await startReceiver();
    const dave = member();
    try {
      const endpoint = await register(dave, { url: receiver.url });
      const event = await h.publish(orderPaid, paid(dave.id));
      const [delivery] = await until(async () => {
        const items = await deliveriesOf(dave, endpoint.id);
        return items[0]?.status === 'succeeded' && items;
      });
      const res = await h.as(dave)(`/v1/webhook-deliveries/${delivery?.id}/replay`, {
        method: 'POST',
      });
      expect(res.status).toBe(202);
      await until(() => receiver.received.length === 2, 10_000, 'the replay');
      const [original, replayed] = receiver.received as [Received, Received];
      expect(replayed.headers['webhook-id']).toBe(event.id);
      expect(original.headers['webhook-id']).toBe(event.id);
      expect(verify(endpoint.secret, replayed)).toMatchObject({ data: event.payload });
      const [after] = await until(async () => {
        const items = await deliveriesOf(dave, endpoint.id);
        return items[0]?.attempts === 2 && items[0].status === 'succeeded' && items;
      });
      expect(after?.attemptLog.map((a) => a.attempt)).toEqual([2, 1]);
      expect(
        (await h.as(member())(`/v1/webhook-deliveries/${delivery?.id}/replay`, { method: 'POST' }))
          .status,
      ).toBe(403);
    } finally {
      await receiver.close();
    }
  });

  it('signs with both secrets while a rotation overlaps', async () => {
    const receiver = await startReceiver();
    const erin = member();
    try {
      const endpoint = await register(erin, { url: receiver.url });
      const res = await h.as(erin)(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
        method: 'POST',
      });
      expect(res.status).toBe(200);
      const rotated = WebhookEndpointWithSecretSchema.parse(await res.json());
      expect(rotated.secret).not.toBe(endpoint.secret);
      expect(rotated.signingSecrets).toBe(2);

      await h.publish(orderPaid, paid(erin.id));
      const [request] = await until(() => receiver.received.length === 1 && receiver.received);
      expect(String(request?.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verify(endpoint.secret, request as Received)).toBeTruthy();
      expect(verify(rotated.secret, request as Received)).toBeTruthy();

      // Without an overlap the old secret stops signing at once.
      h.config.set({
        webhooks: {
          retrySchedule: [0, 300, 600],
          disableAfterFailedDeliveries: 1,
          allowPrivateTargets: ['127.0.0.1'],
          rotationOverlapHours: 0,
        },
      });
      const again = WebhookEndpointWithSecretSchema.parse(
        await (
          await h.as(erin)(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { method: 'POST' })
        ).json(),
      );
      expect(again.signingSecrets).toBe(1);
      await h.publish(orderPaid, paid(erin.id));
      const second = await until(() => receiver.received[1]);
      expect(verify(again.secret, second)).toBeTruthy();
      expect(() => verify(rotated.secret, second)).toThrow();
    } finally {
      h.config.set({
        webhooks: {
          retrySchedule: [0, 300, 600],
          disableAfterFailedDeliveries: 1,
          allowPrivateTargets: ['127.0.0.1'],
        },
      });
      await receiver.close();
    }
  });

  it('checks the target again at delivery time and refuses it once config no longer allows it', async () => {
    const receiver = await startReceiver();
    const frank = member();
    try {
      const endpoint = await register(frank, { url: receiver.url });
      h.config.set({
        webhooks: { retrySchedule: [0], disableAfterFailedDeliveries: 5, allowPrivateTargets: [] },
      });
      await h.publish(orderPaid, paid(frank.id));
      const [delivery] = await until(async () => {
        const items = await deliveriesOf(frank, endpoint.id);
        return items[0]?.status === 'failed' && items;
      });
      expect(delivery?.lastError).toContain('loopback');
      expect(delivery?.lastStatusCode).toBeNull();
      expect(receiver.received).toHaveLength(0);
    } finally {
      h.config.set({
        webhooks: {
          retrySchedule: [0, 300, 600],
          disableAfterFailedDeliveries: 1,
          allowPrivateTargets: ['127.0.0.1'],
        },
      });
      await receiver.close();
    }
  });
});
