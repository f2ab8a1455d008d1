import { meetings } from '@trellis/db/schema';
import { serviceTokenVerifier } from '@trellis/kit';
import {
  credentialRecordingProxy,
  expectProblem,
  type JsonRequester,
  type TestUser,
} from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Meeting, MeetingPageSchema, MeetingSchema } from '../src/routes/meetings/schema.ts';
import { RoomSchema } from '../src/routes/rooms/schema.ts';
import { createMeetingsHarness, type MeetingsHarness } from './harness.ts';

let h: MeetingsHarness;
let ada: TestUser;
let bob: TestUser;
let cy: TestUser;
let asAda: JsonRequester;
let asBob: JsonRequester;
let asCy: JsonRequester;

beforeAll(async () => {
  h = await createMeetingsHarness();
  ada = { id: await h.createUser('Ada'), roles: ['member'] };
  bob = { id: await h.createUser('Bob'), roles: ['member'] };
  cy = { id: await h.createUser('Cy'), roles: ['member'] };
  asAda = h.as(ada);
  asBob = h.as(bob);
  asCy = h.as(cy);
});
afterAll(async () => {
  await h.close();
});

const missingMeeting = `mtg_${'0'.repeat(32)}`;
let hour = 0;

async function createRoom(): Promise<string> {
  const res = await h.request('/v1/rooms', {
    method: 'POST',
    json: { name: `Room ${crypto.randomUUID()}`, capacity: 10 },
  });
  expect(res.status).toBe(201);
  return RoomSchema.parse(await res.json()).id;
}

/** A meeting body in a slot of its own, so no two tests' meetings collide. */
async function meetingBody(organizerId: string, attendeeIds: string[]) {
  hour++;
  const startsAt = new Date(Date.UTC(2026, 11, 1, hour));
  return {
    title: `Meeting ${hour}`,
    organizerId,
    roomId: await createRoom(),
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    attendeeIds,
  };
}

async function book(request: JsonRequester, organizer: string, attendees: string[] = []) {
  const res = await request('/v1/meetings', {
    method: 'POST',
    json: await meetingBody(organizer, attendees),
  });
  expect(res.status).toBe(201);
  return MeetingSchema.parse(await res.json());
}

async function stored(id: string): Promise<Meeting> {
  const res = await h.request(`/v1/meetings/${id}`);
  expect(res.status).toBe(200);
  return MeetingSchema.parse(await res.json());
}

function rsvp(request: JsonRequester, id: string, userId: string) {
  return request(`/v1/meetings/${id}/rsvp`, {
    method: 'POST',
    json: { userId, response: 'accepted' },
  });
}

async function listedIds(request: JsonRequester, query = ''): Promise<string[]> {
  const res = await request(`/v1/meetings?limit=100${query}`);
  expect(res.status).toBe(200);
  return MeetingPageSchema.parse(await res.json()).items.map((meeting) => meeting.id);
}

describe('meetings and rooms without credentials', () => {
  it.each([
    ['POST', '/v1/meetings'],
    ['GET', '/v1/meetings'],
    ['GET', `/v1/meetings/${missingMeeting}`],
    ['POST', `/v1/meetings/${missingMeeting}/rsvp`],
    ['POST', `/v1/meetings/${missingMeeting}/cancel`],
    ['POST', '/v1/rooms'],
    ['GET', '/v1/rooms'],
    ['GET', `/v1/rooms/room_${'0'.repeat(32)}`],
    ['GET', '/v1/rooms/bookings?day=2026-12-01'],
  ])('answers %s %s with a 401 problem and a Bearer challenge', async (method, path) => {
    const res = await h.anonymous(path, { method, ...(method === 'POST' ? { json: {} } : {}) });
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('a member booking meetings', () => {
  it('books a meeting as themselves', async () => {
    const meeting = await book(asAda, ada.id, [bob.id]);
    expect(meeting.organizerId).toBe(ada.id);
  });

  it('is refused with 403 booking as someone else, and the room stays free', async () => {
    const body = await meetingBody(bob.id, [ada.id]);
    const problem = await expectProblem(
      await asAda('/v1/meetings', { method: 'POST', json: body }),
      403,
    );
    expect(problem.detail).toBe('You may only act on meetings of your own.');
    const booked = await h.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.roomId, body.roomId));
    expect(booked).toEqual([]);
  });

  it("cannot have another member's meeting replayed by reusing its Idempotency-Key", async () => {
    const headers = { 'idempotency-key': `mine-${crypto.randomUUID()}` };
    const body = await meetingBody(ada.id, []);
    expect((await asAda('/v1/meetings', { method: 'POST', json: body, headers })).status).toBe(201);
    await expectProblem(await asBob('/v1/meetings', { method: 'POST', json: body, headers }), 403);
  });

  it('lets an operator book for any member', async () => {
    const meeting = await book(h.request, bob.id, [cy.id]);
    expect(meeting.organizerId).toBe(bob.id);
  });
});

describe('a member answering and cancelling', () => {
  it('records their own response, and refuses one for someone else with 403', async () => {
    const meeting = await book(asAda, ada.id, [bob.id, cy.id]);
    expect((await rsvp(asBob, meeting.id, bob.id)).status).toBe(200);
    await expectProblem(await rsvp(asBob, meeting.id, cy.id), 403);
    await expectProblem(await rsvp(asAda, meeting.id, cy.id), 403);
    const after = await stored(meeting.id);
    expect(after.attendees.map(({ userId, response }) => ({ userId, response }))).toEqual(
      [
        { userId: bob.id, response: 'accepted' },
        { userId: cy.id, response: 'pending' },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );
  });

  it('lets an operator record a response for an attendee', async () => {
    const meeting = await book(asAda, ada.id, [cy.id]);
    expect((await rsvp(h.request, meeting.id, cy.id)).status).toBe(200);
  });

  it('cancels only meetings they organize: an attendee is refused with 403', async () => {
    const meeting = await book(asAda, ada.id, [bob.id]);
    await expectProblem(await asBob(`/v1/meetings/${meeting.id}/cancel`, { method: 'POST' }), 403);
    expect((await stored(meeting.id)).status).toBe('scheduled');
    const cancelled = await asAda(`/v1/meetings/${meeting.id}/cancel`, { method: 'POST' });
    expect(MeetingSchema.parse(await cancelled.json()).status).toBe('cancelled');
  });

  it("lets an operator cancel anyone's meeting", async () => {
    const meeting = await book(asBob, bob.id);
    const res = await h.request(`/v1/meetings/${meeting.id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
  });
});

describe('what a member sees of meetings', () => {
  it('reads meetings they organize or are invited to, and is refused others with 403', async () => {
    const meeting = await book(asAda, ada.id, [bob.id]);
    expect((await asAda(`/v1/meetings/${meeting.id}`)).status).toBe(200);
    expect((await asBob(`/v1/meetings/${meeting.id}`)).status).toBe(200);
    await expectProblem(await asCy(`/v1/meetings/${meeting.id}`), 403);
    await expectProblem(await asCy(`/v1/meetings/${missingMeeting}`), 404);
  });

  it('lists only meetings they organize or attend; an operator lists all', async () => {
    const adas = await book(asAda, ada.id, []);
    const withCy = await book(asBob, bob.id, [cy.id]);
    const everyone = await listedIds(h.request);
    expect(everyone).toEqual(expect.arrayContaining([adas.id, withCy.id]));
    const cys = await listedIds(asCy);
    expect(cys).toContain(withCy.id);
    expect(cys).not.toContain(adas.id);
    expect(cys).toEqual(await listedIds(h.request, `&attendeeId=${cy.id}`));
    expect(await listedIds(asCy, `&attendeeId=${cy.id}`)).toEqual(cys);
    await expectProblem(await asCy(`/v1/meetings?attendeeId=${ada.id}`), 403);
  });
});

describe('what a member may do with rooms', () => {
  it('lists and reads rooms and their bookings, but may not create one', async () => {
    const roomId = await createRoom();
    expect((await asAda('/v1/rooms')).status).toBe(200);
    expect((await asAda(`/v1/rooms/${roomId}`)).status).toBe(200);
    expect((await asAda('/v1/rooms/bookings?day=2026-12-01')).status).toBe(200);
    const problem = await expectProblem(
      await asAda('/v1/rooms', { method: 'POST', json: { name: 'Mine', capacity: 2 } }),
      403,
    );
    expect(problem.detail).toBe('Only an operator or above may do this.');
  });
});

describe('meetings calling users', () => {
  it("sends meetings' own service token and forwards the member's token", async () => {
    const proxy = await credentialRecordingProxy(h.usersUrl);
    const { seen } = proxy;
    try {
      const token = await h.identity.userToken(ada);
      const res = await h.withUsers({ baseUrl: proxy.url })('/v1/meetings', {
        method: 'POST',
        json: await meetingBody(ada.id, [bob.id]),
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(201);
      // A loaded machine may see the call retried after a timeout: every attempt carries both.
      expect(seen.length).toBeGreaterThanOrEqual(1);
      const verify = serviceTokenVerifier(h.identity.settings.serviceKeys ?? {}, 'users');
      for (const call of seen) {
        expect(call.userToken).toBe(token);
        const bearer = call.authorization?.replace(/^Bearer /, '') ?? '';
        expect((await verify(bearer)).service).toBe('meetings');
      }
    } finally {
      await proxy.close();
    }
  });
});
