import { meetings, outbox } from '@trellis/db/schema';
import {
  closedUrl,
  expectIdempotentRace,
  expectKeyReuseRefused,
  expectProblem,
} from '@trellis/kit/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Meeting, MeetingPageSchema, MeetingSchema } from '../src/routes/meetings/schema.ts';
import { RoomSchema } from '../src/routes/rooms/schema.ts';
import { createMeetingsHarness, type MeetingsHarness } from './harness.ts';

let h: MeetingsHarness;
let ada: string;
let bob: string;
let cy: string;

beforeAll(async () => {
  h = await createMeetingsHarness();
  ada = await h.createUser('Ada');
  bob = await h.createUser('Bob');
  cy = await h.createUser('Cy');
});
afterAll(async () => {
  await h.close();
});

/** 2026-12-01 at the given UTC time, e.g. at('09:30'). */
const at = (time: string, day = '2026-12-01') => `${day}T${time}:00.000Z`;

let roomCount = 0;
async function createRoom(capacity = 10): Promise<string> {
  roomCount++;
  const res = await h.request('/v1/rooms', {
    method: 'POST',
    json: { name: `Room ${roomCount}`, capacity },
  });
  expect(res.status).toBe(201);
  return RoomSchema.parse(await res.json()).id;
}

function schedule(body: Record<string, unknown>) {
  return h.request('/v1/meetings', {
    method: 'POST',
    json: {
      title: 'Sync',
      organizerId: ada,
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      attendeeIds: [bob],
      ...body,
    },
  });
}

async function scheduled(body: Record<string, unknown>): Promise<Meeting> {
  const res = await schedule(body);
  expect(res.status).toBe(201);
  return MeetingSchema.parse(await res.json());
}

async function eventsOf(aggregateId: string) {
  return h.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.aggregateId, aggregateId))
    .orderBy(outbox.id);
}

function rsvp(meetingId: string, body: Record<string, unknown>) {
  return h.request(`/v1/meetings/${meetingId}/rsvp`, { method: 'POST', json: body });
}

function cancel(meetingId: string) {
  return h.request(`/v1/meetings/${meetingId}/cancel`, { method: 'POST' });
}

describe('POST /v1/meetings', () => {
  it('schedules a meeting with every attendee pending and the organizer seated but not listed', async () => {
    const roomId = await createRoom();
    const res = await schedule({ roomId, title: 'Roadmap', attendeeIds: [cy, bob, ada, cy] });
    expect(res.status).toBe(201);
    const meeting = MeetingSchema.parse(await res.json());
    expect(meeting).toMatchObject({
      title: 'Roadmap',
      organizerId: ada,
      roomId,
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      status: 'scheduled',
      cancelledAt: null,
      createdAt: h.clock.now.toISOString(),
    });
    expect(meeting.id).toMatch(/^mtg_[0-9a-f]{32}$/);
    expect(meeting.attendees).toEqual(
      [bob, cy].sort().map((userId) => ({ userId, response: 'pending', respondedAt: null })),
    );
    expect(res.headers.get('location')).toBe(`/v1/meetings/${meeting.id}`);
  });

  it('accepts a meeting with no attendees', async () => {
    const meeting = await scheduled({ roomId: await createRoom(1), attendeeIds: [] });
    expect(meeting.attendees).toEqual([]);
  });

  it('writes meeting.scheduled to the outbox in the same transaction, with the trace context', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await h.request('/v1/meetings', {
      method: 'POST',
      json: {
        title: 'Traced',
        organizerId: ada,
        roomId: await createRoom(),
        startsAt: at('09:00'),
        endsAt: at('10:00'),
        attendeeIds: [bob],
      },
      headers: { traceparent, 'x-request-id': 'req-traced' },
    });
    const meeting = MeetingSchema.parse(await res.json());
    const events = await eventsOf(meeting.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      aggregateType: 'meeting',
      eventType: 'meeting.scheduled',
      payload: { meeting },
    });
    expect(events[0]?.headers.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/,
    );
    expect(events[0]?.headers['x-request-id']).toBe('req-traced');
  });

  it('refuses to double-book a room when eight requests race for one slot', async () => {
    const roomId = await createRoom();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => schedule({ roomId, title: `Racer ${i}` })),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const res of responses.filter((r) => r.status === 409)) {
      const problem = await expectProblem(res, 409, 'roomId');
      expect(problem.detail).toContain(roomId);
    }
    const booked = await h.database.db.select().from(meetings).where(eq(meetings.roomId, roomId));
    expect(booked).toHaveLength(1);
    expect(await eventsOf(booked[0]?.id ?? '')).toHaveLength(1);
  });

  it('schedules exactly one meeting when eight requests with one key race, all answered alike', async () => {
    const roomId = await createRoom();
    const body = {
      title: 'Keyed',
      organizerId: ada,
      roomId,
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      attendeeIds: [bob],
    };
    const meeting = MeetingSchema.parse(
      await expectIdempotentRace(h.request, '/v1/meetings', body),
    );
    const booked = await h.database.db.select().from(meetings).where(eq(meetings.roomId, roomId));
    expect(booked.map((row) => row.id)).toEqual([meeting.id]);
    expect(await eventsOf(meeting.id)).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with another body with 422 naming the header', async () => {
    const roomId = await createRoom();
    const body = {
      title: 'Once',
      organizerId: ada,
      roomId,
      startsAt: at('11:00'),
      endsAt: at('12:00'),
    };
    await expectKeyReuseRefused(h.request, '/v1/meetings', body, { ...body, title: 'Twice' });
  });

  it('refuses an overlapping booking with 409 but accepts a back-to-back one', async () => {
    const roomId = await createRoom();
    await scheduled({ roomId, startsAt: at('09:00'), endsAt: at('10:00') });
    for (const [startsAt, endsAt] of [
      [at('09:30'), at('10:30')],
      [at('08:30'), at('09:01')],
      [at('09:15'), at('09:45')],
      [at('08:00'), at('11:00')],
    ]) {
      await expectProblem(await schedule({ roomId, startsAt, endsAt }), 409, 'roomId');
    }
    await scheduled({ roomId, startsAt: at('10:00'), endsAt: at('11:00') });
    await scheduled({ roomId, startsAt: at('08:00'), endsAt: at('09:00') });
  });

  it('books the same slot in two different rooms', async () => {
    await scheduled({ roomId: await createRoom() });
    await scheduled({ roomId: await createRoom() });
  });

  it('lets another meeting take the slot once the first is cancelled', async () => {
    const roomId = await createRoom();
    const first = await scheduled({ roomId });
    await expectProblem(await schedule({ roomId }), 409);
    expect((await cancel(first.id)).status).toBe(200);
    const second = await scheduled({ roomId, title: 'Second try' });
    expect(second.id).not.toBe(first.id);
  });

  it.each([
    ['ends when it starts', at('09:00'), at('09:00')],
    ['ends before it starts', at('10:00'), at('09:00')],
  ])('answers a meeting that %s with a 400 naming endsAt', async (_case, startsAt, endsAt) => {
    const res = await schedule({ roomId: await createRoom(), startsAt, endsAt });
    const problem = await expectProblem(res, 400, 'endsAt');
    expect(problem.errors).toEqual([
      { in: 'body', path: 'endsAt', message: 'must be after startsAt' },
    ]);
  });

  it('refuses a meeting longer than the live maxMeetingMinutes with 422 naming endsAt', async () => {
    const roomId = await createRoom();
    const allDay = { roomId, startsAt: at('08:00'), endsAt: at('17:00') };
    const problem = await expectProblem(await schedule(allDay), 422, 'endsAt');
    expect(problem).toMatchObject({ maxMeetingMinutes: 480 });
    h.config.set({ maxMeetingMinutes: 600 });
    try {
      await scheduled(allDay);
      h.config.set({ maxMeetingMinutes: 30 });
      await expectProblem(
        await schedule({ roomId, startsAt: at('18:00'), endsAt: at('18:45') }),
        422,
        'endsAt',
      );
      await scheduled({ roomId, startsAt: at('18:00'), endsAt: at('18:30') });
    } finally {
      h.config.set({});
    }
  });

  it('refuses more people than the room seats with 422, counting the organizer once', async () => {
    const roomId = await createRoom(3);
    const problem = await expectProblem(
      await schedule({ roomId, attendeeIds: [bob, cy, await h.createUser('Dee')] }),
      422,
      'attendeeIds',
    );
    expect(problem).toMatchObject({ capacity: 3, participants: 4 });
    await scheduled({ roomId, attendeeIds: [bob, ada, cy, bob] });
  });

  it('refuses a room that does not exist with 422 naming roomId', async () => {
    const problem = await expectProblem(
      await schedule({ roomId: `room_${'0'.repeat(32)}` }),
      422,
      'roomId',
    );
    expect(problem.detail).toContain(`room_${'0'.repeat(32)}`);
  });

  it('refuses missing or suspended attendees with 422 naming each id', async () => {
    const suspended = await h.createUser('Suspended');
    await h.suspendUser(suspended);
    const ghost = `usr_${'9'.repeat(32)}`;
    const problem = await expectProblem(
      await schedule({ roomId: await createRoom(), attendeeIds: [bob, ghost, suspended] }),
      422,
    );
    expect(problem.errors).toEqual([
      { in: 'body', path: 'attendeeIds[1]', message: 'is not a user' },
      { in: 'body', path: 'attendeeIds[2]', message: 'is suspended' },
    ]);
    expect(problem).toMatchObject({ missing: [ghost], suspended: [suspended] });
    expect(problem.detail).toContain(ghost);
    expect(problem.detail).toContain(suspended);
  });

  it('refuses a missing or suspended organizer with 422 naming organizerId', async () => {
    const roomId = await createRoom();
    const ghost = `usr_${'8'.repeat(32)}`;
    const missing = await expectProblem(await schedule({ roomId, organizerId: ghost }), 422);
    expect(missing.errors).toEqual([{ in: 'body', path: 'organizerId', message: 'is not a user' }]);
    const gone = await h.createUser('Gone');
    await h.suspendUser(gone);
    const suspended = await expectProblem(await schedule({ roomId, organizerId: gone }), 422);
    expect(suspended.errors).toEqual([
      { in: 'body', path: 'organizerId', message: 'is suspended' },
    ]);
    expect(suspended.detail).toContain(gone);
  });

  it('checks the organizer and every attendee with one batch call to users', async () => {
    const calls: string[] = [];
    const request = h.withUsers({
      baseUrl: h.usersUrl,
      fetch: (call) => {
        calls.push(`${call.method} ${new URL(call.url).pathname}`);
        return fetch(call);
      },
    });
    const res = await request('/v1/meetings', {
      method: 'POST',
      json: {
        title: 'Counted',
        organizerId: ada,
        roomId: await createRoom(),
        startsAt: at('09:00'),
        endsAt: at('10:00'),
        attendeeIds: [bob, cy, bob],
      },
    });
    expect(res.status).toBe(201);
    expect(calls).toEqual(['POST /v1/users/lookup']);
  });

  it('answers 503 with a problem, not 500, when users cannot be reached', async () => {
    const request = h.withUsers({ baseUrl: await closedUrl(), timeoutMs: 500 });
    const res = await request('/v1/meetings', {
      method: 'POST',
      json: {
        title: 'Offline',
        organizerId: ada,
        roomId: await createRoom(),
        startsAt: at('09:00'),
        endsAt: at('10:00'),
      },
    });
    const problem = await expectProblem(res, 503);
    expect(problem.detail).toContain('users');
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('answers 503 when users answers with a server error', async () => {
    const request = h.withUsers({
      baseUrl: h.usersUrl,
      fetch: async () => new Response('upstream broke', { status: 500 }),
    });
    const res = await request('/v1/meetings', {
      method: 'POST',
      json: {
        title: 'Broken',
        organizerId: ada,
        roomId: await createRoom(),
        startsAt: at('09:00'),
        endsAt: at('10:00'),
      },
    });
    await expectProblem(res, 503);
  });

  const valid = () => ({
    title: 'Valid',
    organizerId: ada,
    roomId: `room_${'1'.repeat(32)}`,
    startsAt: at('09:00'),
    endsAt: at('10:00'),
    attendeeIds: [bob],
  });
  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['a missing roomId', { roomId: undefined }, 'roomId'],
    ['an organizerId of the wrong type', { organizerId: 42 }, 'organizerId'],
    ['a malformed roomId', { roomId: 'room-1' }, 'roomId'],
    ['a date that is not ISO 8601', { startsAt: '1 Dec 2026 09:00' }, 'startsAt'],
    ['a date with no time zone', { endsAt: '2026-12-01T10:00:00' }, 'endsAt'],
    ['a date that is not UTC', { startsAt: '2026-12-01T09:00:00+02:00' }, 'startsAt'],
    ['attendeeIds that is not an array', { attendeeIds: 'usr_x' }, 'attendeeIds'],
    ['a malformed attendee id', { attendeeIds: ['bob'] }, 'attendeeIds[0]'],
    [
      'an oversize list of 101 attendees',
      {
        attendeeIds: Array.from(
          { length: 101 },
          (_, i) => `usr_${i.toString(16).padStart(32, '0')}`,
        ),
      },
      'attendeeIds',
    ],
    ['an unknown field', { recurring: true }, ''],
  ])('answers %s with a 400 problem naming the field', async (_case, change, field) => {
    const res = await h.request('/v1/meetings', {
      method: 'POST',
      json: { ...valid(), ...change },
    });
    await expectProblem(res, 400, field);
  });

  it('answers a body that is not JSON with a 400 problem', async () => {
    const res = await h.request('/v1/meetings', {
      method: 'POST',
      body: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    await expectProblem(res, 400);
  });
});

describe('GET /v1/meetings/{id}', () => {
  it('returns the meeting with its attendees and their responses', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob, cy] });
    await rsvp(created.id, { userId: cy, response: 'declined' });
    const res = await h.request(`/v1/meetings/${created.id}`);
    expect(res.status).toBe(200);
    const meeting = MeetingSchema.parse(await res.json());
    expect(meeting.attendees.find((a) => a.userId === bob)?.response).toBe('pending');
    expect(meeting.attendees.find((a) => a.userId === cy)?.response).toBe('declined');
  });

  it('answers an unknown id with 404 and a malformed id with 400 naming id', async () => {
    await expectProblem(await h.request(`/v1/meetings/mtg_${'0'.repeat(32)}`), 404);
    await expectProblem(await h.request('/v1/meetings/usr_123'), 400, 'id');
  });
});

describe('POST /v1/meetings/{id}/rsvp', () => {
  it('records accepted, then declined, stamping the time and writing an event each time', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob, cy] });
    h.clock.now = new Date('2026-11-27T08:00:00.000Z');
    const accepted = await rsvp(created.id, { userId: bob, response: 'accepted' });
    expect(accepted.status).toBe(200);
    const afterAccept = MeetingSchema.parse(await accepted.json());
    expect(afterAccept.attendees.find((a) => a.userId === bob)).toEqual({
      userId: bob,
      response: 'accepted',
      respondedAt: '2026-11-27T08:00:00.000Z',
    });
    expect(afterAccept.attendees.find((a) => a.userId === cy)?.response).toBe('pending');
    expect(afterAccept.updatedAt).toBe('2026-11-27T08:00:00.000Z');
    h.clock.now = new Date('2026-11-27T09:00:00.000Z');
    const declined = MeetingSchema.parse(
      await (await rsvp(created.id, { userId: bob, response: 'declined' })).json(),
    );
    expect(declined.attendees.find((a) => a.userId === bob)).toMatchObject({
      response: 'declined',
      respondedAt: '2026-11-27T09:00:00.000Z',
    });
    h.clock.now = new Date('2026-11-26T10:00:00.000Z');
    const events = await eventsOf(created.id);
    expect(events.map((e) => e.eventType)).toEqual([
      'meeting.scheduled',
      'meeting.rsvp-recorded',
      'meeting.rsvp-recorded',
    ]);
    expect(events[2]?.payload).toMatchObject({
      meeting: declined,
      rsvp: { userId: bob, response: 'declined' },
    });
  });

  it('refuses a response with a stale If-Match with 412 and records it with the current one', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob, cy] });
    expect((await rsvp(created.id, { userId: cy, response: 'declined' })).status).toBe(200);
    const answer = { userId: bob, response: 'accepted' };
    const stale = await h.request(`/v1/meetings/${created.id}/rsvp`, {
      method: 'POST',
      json: answer,
      headers: { 'if-match': `"${created.id}.v1"` },
    });
    await expectProblem(stale, 412, 'if-match');
    const fresh = await h.request(`/v1/meetings/${created.id}/rsvp`, {
      method: 'POST',
      json: answer,
      headers: { 'if-match': `"${created.id}.v2"` },
    });
    expect(fresh.status).toBe(200);
    const meeting = MeetingSchema.parse(await fresh.json());
    expect(meeting.attendees.find((attendee) => attendee.userId === bob)?.response).toBe(
      'accepted',
    );
    expect(fresh.headers.get('etag')).toBe(`"${created.id}.v3"`);
  });

  it('refuses a user who is not invited with 422 naming userId', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob] });
    const problem = await expectProblem(
      await rsvp(created.id, { userId: cy, response: 'accepted' }),
      422,
      'userId',
    );
    expect(problem.detail).toContain(cy);
  });

  it('refuses the organizer, who attends without responding, with 422', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob] });
    await expectProblem(
      await rsvp(created.id, { userId: ada, response: 'accepted' }),
      422,
      'userId',
    );
  });

  it('refuses a response to a cancelled meeting with 409', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob] });
    await cancel(created.id);
    const problem = await expectProblem(
      await rsvp(created.id, { userId: bob, response: 'accepted' }),
      409,
    );
    expect(problem.currentStatus).toBe('cancelled');
    expect((await eventsOf(created.id)).map((e) => e.eventType)).toEqual([
      'meeting.scheduled',
      'meeting.cancelled',
    ]);
  });

  it('answers an unknown meeting with 404', async () => {
    await expectProblem(
      await rsvp(`mtg_${'0'.repeat(32)}`, { userId: bob, response: 'accepted' }),
      404,
    );
  });

  it.each([
    ['a bad enum', { userId: `usr_${'1'.repeat(32)}`, response: 'maybe' }, 'response'],
    [
      'pending, which only the service sets',
      { userId: `usr_${'1'.repeat(32)}`, response: 'pending' },
      'response',
    ],
    ['a missing userId', { response: 'accepted' }, 'userId'],
    ['a userId of the wrong type', { userId: 7, response: 'accepted' }, 'userId'],
    ['an unknown field', { userId: `usr_${'1'.repeat(32)}`, response: 'accepted', note: 'x' }, ''],
  ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
    await expectProblem(await rsvp(`mtg_${'0'.repeat(32)}`, body), 400, field);
  });

  it('answers a malformed meeting id with 400 naming id', async () => {
    await expectProblem(await rsvp('nope', { userId: bob, response: 'accepted' }), 400, 'id');
  });
});

describe('POST /v1/meetings/{id}/cancel', () => {
  it('cancels a meeting, stamps cancelledAt and writes meeting.cancelled', async () => {
    const created = await scheduled({ roomId: await createRoom() });
    const res = await cancel(created.id);
    expect(res.status).toBe(200);
    const meeting = MeetingSchema.parse(await res.json());
    expect(meeting).toMatchObject({ status: 'cancelled', cancelledAt: h.clock.now.toISOString() });
    const [, cancelled] = await eventsOf(created.id);
    expect(cancelled).toMatchObject({ eventType: 'meeting.cancelled', payload: { meeting } });
  });

  it('refuses a stale If-Match with 412 and cancels with the current one', async () => {
    const created = await scheduled({ roomId: await createRoom() });
    const read = await h.request(`/v1/meetings/${created.id}`);
    expect(read.headers.get('etag')).toBe(`"${created.id}.v1"`);
    expect((await rsvp(created.id, { userId: bob, response: 'accepted' })).status).toBe(200);
    const stale = await h.request(`/v1/meetings/${created.id}/cancel`, {
      method: 'POST',
      headers: { 'if-match': `"${created.id}.v1"` },
    });
    const problem = await expectProblem(stale, 412, 'if-match');
    expect(problem.currentEtag).toBe(`"${created.id}.v2"`);
    const fresh = await h.request(`/v1/meetings/${created.id}/cancel`, {
      method: 'POST',
      headers: { 'if-match': `"${created.id}.v2"` },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"${created.id}.v3"`);
    expect(MeetingSchema.parse(await fresh.json())).toMatchObject({
      status: 'cancelled',
      version: 3,
    });
  });

  it('refuses to cancel a meeting twice with 409', async () => {
    const created = await scheduled({ roomId: await createRoom() });
    await cancel(created.id);
    const problem = await expectProblem(await cancel(created.id), 409);
    expect(problem.currentStatus).toBe('cancelled');
    expect(await eventsOf(created.id)).toHaveLength(2);
  });

  it('answers an unknown meeting with 404 and a malformed id with 400 naming id', async () => {
    await expectProblem(await cancel(`mtg_${'0'.repeat(32)}`), 404);
    await expectProblem(await cancel('mtg_short'), 400, 'id');
  });
});

describe('GET /v1/meetings', () => {
  let roomA: string;
  let roomB: string;
  let dee: string;
  let eve: string;
  const day = '2026-12-10';
  const list = async (query: string) => {
    const res = await h.request(`/v1/meetings?${query}`);
    expect(res.status).toBe(200);
    return MeetingPageSchema.parse(await res.json());
  };
  const titles = (page: { items: Meeting[] }) => page.items.map((m) => m.title);

  beforeAll(async () => {
    roomA = await createRoom();
    roomB = await createRoom();
    dee = await h.createUser('Dee');
    eve = await h.createUser('Eve');
    const plan: [string, string, string, string, string, string[]][] = [
      ['A1', roomA, '08:00', '09:00', dee, []],
      ['A2', roomA, '09:00', '10:00', eve, [dee]],
      ['B1', roomB, '09:00', '09:30', eve, []],
      ['A3', roomA, '11:00', '12:00', eve, []],
      ['B2', roomB, '13:00', '14:00', eve, [dee]],
    ];
    for (const [title, roomId, starts, ends, organizerId, attendeeIds] of plan) {
      await scheduled({
        title,
        roomId,
        organizerId,
        attendeeIds,
        startsAt: at(starts, day),
        endsAt: at(ends, day),
      });
    }
  });

  it('filters by room, ordered by start time', async () => {
    expect(titles(await list(`roomId=${roomA}`))).toEqual(['A1', 'A2', 'A3']);
  });

  it('filters by a person who organizes or is invited', async () => {
    expect(titles(await list(`attendeeId=${dee}`))).toEqual(['A1', 'A2', 'B2']);
  });

  it('keeps only meetings overlapping the from/to window, ends and starts exclusive', async () => {
    const window = `from=${at('09:00', day)}&to=${at('11:00', day)}&attendeeId=${eve}`;
    expect(titles(await list(window))).toEqual(['A2', 'B1']);
    expect(titles(await list(`from=${at('12:00', day)}&roomId=${roomB}`))).toEqual(['B2']);
    expect(titles(await list(`to=${at('09:00', day)}&roomId=${roomA}`))).toEqual(['A1']);
  });

  it('filters by status', async () => {
    const doomed = await scheduled({
      title: 'Doomed',
      roomId: roomB,
      organizerId: dee,
      attendeeIds: [],
      startsAt: at('16:00', day),
      endsAt: at('17:00', day),
    });
    await cancel(doomed.id);
    expect(titles(await list(`status=cancelled&attendeeId=${dee}`))).toEqual(['Doomed']);
    expect(titles(await list(`status=scheduled&attendeeId=${dee}`))).toEqual(['A1', 'A2', 'B2']);
  });

  it('pages by start time then id, so meetings starting together are neither lost nor repeated', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(
        `attendeeId=${eve}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...titles(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const together = await list(
      `attendeeId=${eve}&from=${at('09:00', day)}&to=${at('09:01', day)}`,
    );
    expect(together.items.map((m) => m.id)).toEqual(together.items.map((m) => m.id).sort());
    expect(seen).toEqual(titles(together).concat('A3', 'B2'));
    expect(seen).toHaveLength(4);
    expect(pages).toBe(4);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['to=2026-12-10', 'to'],
    [`from=${at('10:00')}&to=${at('10:00')}`, 'to'],
    ['roomId=nope', 'roomId'],
    ['attendeeId=room_1', 'attendeeId'],
    ['status=done', 'status'],
    ['limit=0', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${btoa(JSON.stringify({ startsAt: 'soon', id: 'mtg_x' }))}`, 'cursor'],
  ])('answers %s with a 400 problem naming the field', async (query, field) => {
    await expectProblem(await h.request(`/v1/meetings?${query}`), 400, field);
  });
});

describe('the outbox', () => {
  it('holds exactly one event per change of a meeting, in order', async () => {
    const created = await scheduled({ roomId: await createRoom(), attendeeIds: [bob] });
    await rsvp(created.id, { userId: bob, response: 'accepted' });
    await rsvp(created.id, { userId: cy, response: 'accepted' });
    await cancel(created.id);
    await cancel(created.id);
    const events = await h.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateType, 'meeting'), eq(outbox.aggregateId, created.id)))
      .orderBy(outbox.id);
    expect(events.map((e) => e.eventType)).toEqual([
      'meeting.scheduled',
      'meeting.rsvp-recorded',
      'meeting.cancelled',
    ]);
  });
});
