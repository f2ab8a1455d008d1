import { readEventStream, type ServerSentEvent } from '@trellis/kit';
import { expectProblem, type TestUser } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPushHarness,
  internalTick,
  meetingScheduled,
  orderPaid,
  type PushHarness,
  userId,
} from './push-harness.ts';

let h: PushHarness;

beforeAll(async () => {
  h = await createPushHarness();
});
afterAll(async () => {
  await h.close();
});

/** Opens the user's stream over real HTTP and reads its events as they come. */
async function openStream(user: TestUser, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${h.server.url}/v1/streams/me`, {
    headers: {
      ...(await h.authorization(user)),
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
      while (got.length < count) {
        const { value, done } = await events.next();
        if (done) {
          throw new Error('the stream ended');
        }
        got.push(value);
      }
      return got;
    },
    close: () => controller.abort(),
  };
}

const paid = (user: string, totalCents: number) => ({
  orderId: `ord_${crypto.randomUUID().replaceAll('-', '')}`,
  userId: user,
  totalCents,
});

describe('GET /v1/streams/me', () => {
  it("streams the user's events in order, live, and after a reconnect with Last-Event-ID the missed ones", async () => {
    const user: TestUser = { id: userId(), roles: ['member'] };
    const other = userId();
    await h.publish(orderPaid, paid(user.id, 1));
    await h.publish(orderPaid, paid(other, 999));
    await h.publish(internalTick, { n: 1 });

    const first = await openStream(user);
    const [backlog] = await first.next(1);
    expect(backlog?.event).toBe('order.paid');
    expect(JSON.parse(backlog?.data ?? '{}')).toMatchObject({
      topic: 'order.paid',
      payload: { userId: user.id, totalCents: 1 },
    });

    const live = [
      await h.publish(meetingScheduled, { meetingId: 'mtg_1', attendees: [user.id, other] }),
      await h.publish(orderPaid, paid(user.id, 2)),
      await h.publish(orderPaid, paid(user.id, 3)),
    ];
    const seen = await first.next(3);
    expect(seen.map((e) => JSON.parse(e.data).id)).toEqual(live.map((e) => e.id));
    const ids = [backlog, ...seen].map((e) => Number(e?.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    first.close();

    const missed = [
      await h.publish(orderPaid, paid(user.id, 4)),
      await h.publish(orderPaid, paid(user.id, 5)),
    ];
    const second = await openStream(user, seen.at(-1)?.id);
    const resumed = await second.next(2);
    expect(resumed.map((e) => JSON.parse(e.data).id)).toEqual(missed.map((e) => e.id));
    expect(Number(resumed[0]?.id)).toBeGreaterThan(Number(seen.at(-1)?.id));
    const after = await h.publish(orderPaid, paid(user.id, 6));
    const [next] = await second.next(1);
    expect(JSON.parse(next?.data ?? '{}').id).toBe(after.id);
    second.close();
  });

  it('keeps events written concurrently in order for each stream', async () => {
    const user: TestUser = { id: userId(), roles: ['member'] };
    const stream = await openStream(user);
    const published = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.publish(orderPaid, paid(user.id, i))),
    );
    const events = await stream.next(20);
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(events.map((e) => JSON.parse(e.data).id))).toEqual(
      new Set(published.map((e) => e.id)),
    );
    stream.close();
  });

  it('needs a signed-in user and a well-formed Last-Event-ID', async () => {
    await expectProblem(await h.anonymous('/v1/streams/me'), 401);
    const user: TestUser = { id: userId(), roles: ['member'] };
    await expectProblem(
      await h.as(user)('/v1/streams/me', { headers: { 'last-event-id': 'abc' } }),
      400,
    );
  });
});
