import { randomBytes } from 'node:crypto';
import type { Tx } from '@trellis/db';
import { meetingAttendees, meetings, outbox } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig } from '@trellis/kit';
import {
  createSubscriber,
  type EventEnvelope,
  eventJob,
  queueName,
  queuePrefix,
  redisConnection,
  subscriptionId,
} from '@trellis/kit/messaging';
import { captureLogger } from '@trellis/kit/testing';
import { type UserEventPayload, userSuspended } from '@trellis/users/topics';
import { Queue } from 'bullmq';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { meetingsConfig } from '../src/config.ts';
import type { MeetingsDeps } from '../src/deps.ts';
import { insertMeeting, insertRoom } from '../src/repository.ts';
import { meetingEvent } from '../src/routes/meetings/present.ts';
import { roomEvent } from '../src/routes/rooms/present.ts';
import { meetingsSubscriptions } from '../src/subscriptions/index.ts';
import { withdrawSuspendedUser } from '../src/subscriptions/user-suspended.ts';
import { meetingAttendeeRemoved, meetingCancelled, meetingScheduled } from '../src/topics.ts';

let database: TestDatabase;
let roomId: string;
const now = new Date('2026-11-26T10:00:00.000Z');
let slot = 0;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const room = await database.db.transaction((tx) =>
    insertRoom(tx, { name: 'Ada', capacity: 20, location: null }, roomEvent, now),
  );
  roomId = room.id;
});
afterAll(async () => {
  await database.drop();
});

const newUserId = () => `usr_${randomBytes(16).toString('hex')}`;

function suspendedPayload(userId: string): UserEventPayload {
  return {
    user: {
      id: userId,
      email: `${userId}@example.com`,
      name: 'Suspended Sam',
      status: 'suspended',
      roles: ['member'],
      version: 2,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  };
}

/** A meeting an hour long, `hoursFromNow` away (negative: in the past), in its own slot. */
async function schedule(organizerId: string, attendeeIds: string[], hoursFromNow: number) {
  slot++;
  const startsAt = new Date(now.getTime() + hoursFromNow * 3_600_000 + slot * 60_000);
  const record = await database.db.transaction((tx) =>
    insertMeeting(
      tx,
      {
        title: `Meeting ${slot}`,
        organizerId,
        roomId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60_000),
        attendeeIds,
      },
      meetingEvent(meetingScheduled, {}),
      now,
    ),
  );
  return record.meeting.id;
}

async function stateOf(id: string) {
  const [meeting] = await database.db.select().from(meetings).where(eq(meetings.id, id));
  const attendees = await database.db
    .select({ userId: meetingAttendees.userId })
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, id))
    .orderBy(asc(meetingAttendees.userId));
  return { status: meeting?.status, attendees: attendees.map((a) => a.userId) };
}

async function eventsOf(ids: string[], topic?: string) {
  return database.db
    .select()
    .from(outbox)
    .where(
      and(
        inArray(outbox.aggregateId, ids),
        topic === undefined ? undefined : eq(outbox.eventType, topic),
      ),
    )
    .orderBy(asc(outbox.seq));
}

function handle(userId: string) {
  return database.db.transaction((tx: Tx) =>
    withdrawSuspendedUser(suspendedPayload(userId), { tx, now }),
  );
}

const sorted = (ids: string[]) => [...ids].sort();

describe('user.suspended in meetings', () => {
  it('cancels the future meetings they organize and leaves the past ones', async () => {
    const [sam, ann, bob] = [newUserId(), newUserId(), newUserId()];
    const future = await schedule(sam, [ann, bob], 24);
    const past = await schedule(sam, [ann], -24);

    const outcome = await handle(sam);

    expect(outcome.cancelled).toEqual([future]);
    expect(await stateOf(future)).toEqual({ status: 'cancelled', attendees: sorted([ann, bob]) });
    expect(await stateOf(past)).toEqual({ status: 'scheduled', attendees: [ann] });
  });

  it('tells the attendees: meeting.cancelled goes to the organizer and every attendee', async () => {
    const [sam, ann, bob] = [newUserId(), newUserId(), newUserId()];
    const future = await schedule(sam, [ann, bob], 48);
    await handle(sam);

    const [event, ...more] = await eventsOf([future], meetingCancelled.name);
    expect(more).toEqual([]);
    const payload = meetingCancelled.schema.parse(event?.payload);
    expect(payload.reason).toBe('organizer_suspended');
    expect(payload.meeting.status).toBe('cancelled');
    expect(sorted(meetingCancelled.audience?.(payload) ?? [])).toEqual(sorted([sam, ann, bob]));
  });

  it('takes them out of future meetings they attend and leaves past ones', async () => {
    const [sam, olga, ann] = [newUserId(), newUserId(), newUserId()];
    const future = await schedule(olga, [sam, ann], 72);
    const past = await schedule(olga, [sam], -72);

    const outcome = await handle(sam);

    expect(outcome).toEqual({ cancelled: [], left: [future] });
    expect(await stateOf(future)).toEqual({ status: 'scheduled', attendees: [ann] });
    expect(await stateOf(past)).toEqual({ status: 'scheduled', attendees: [sam] });
    const [event] = await eventsOf([future], meetingAttendeeRemoved.name);
    const payload = meetingAttendeeRemoved.schema.parse(event?.payload);
    expect(payload).toMatchObject({ userId: sam, reason: 'user_suspended' });
    expect(payload.meeting.attendees.map((a) => a.userId)).toEqual([ann]);
    expect(sorted(meetingAttendeeRemoved.audience?.(payload) ?? [])).toEqual(
      sorted([olga, ann, sam]),
    );
  });

  it('changes nothing when the event is handled a second time', async () => {
    const [sam, olga] = [newUserId(), newUserId()];
    const organized = await schedule(sam, [olga], 96);
    const attended = await schedule(olga, [sam], 97);
    await handle(sam);
    const before = await eventsOf([organized, attended]);
    const states = [await stateOf(organized), await stateOf(attended)];

    expect(await handle(sam)).toEqual({ cancelled: [], left: [] });
    expect(await eventsOf([organized, attended])).toEqual(before);
    expect([await stateOf(organized), await stateOf(attended)]).toEqual(states);
  });

  it('runs through the kit subscriber on real Redis', async () => {
    const redisUrl = inject('redisUrl');
    const group = `t-meetings-${randomBytes(4).toString('hex')}`;
    const { logger } = captureLogger('meetings');
    const deps: MeetingsDeps = {
      db: database.db,
      now: () => now,
      users: undefined as never,
      config: createStaticConfig(meetingsConfig),
    };
    const subscriber = createSubscriber({
      service: 'meetings',
      instanceId: 'meetings-test',
      db: database.db,
      redis: redisConnection(redisUrl),
      logger,
    });
    meetingsSubscriptions({ deps, subscribe: subscriber.subscribe, logger }, group);
    await subscriber.start();
    const queue = new Queue(queueName(subscriptionId(group, userSuspended.name)), {
      connection: redisConnection(redisUrl),
      prefix: queuePrefix,
    });
    try {
      const [sam, olga] = [newUserId(), newUserId()];
      const organized = await schedule(sam, [olga], 120);
      const attended = await schedule(olga, [sam], 121);
      const event: EventEnvelope = {
        id: `evt_${randomBytes(16).toString('hex')}`,
        topic: userSuspended.name,
        version: userSuspended.version,
        key: sam,
        payload: suspendedPayload(sam),
        headers: {},
        occurredAt: now.toISOString(),
        seq: 1,
      };
      const job = eventJob(event);
      await queue.add(job.name, job.data, job.opts);
      await until(async () => (await stateOf(attended)).attendees.length === 0);
      expect(await stateOf(organized)).toEqual({ status: 'cancelled', attendees: [olga] });
    } finally {
      await subscriber.stop();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
  }, 30_000);
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the subscriber');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
