import { newId } from '@trellis/db';
import { meetings } from '@trellis/db/schema';
import { expectProblem } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomBookingsSchema, RoomSchema } from '../src/routes/rooms/schema.ts';
import { createMeetingsHarness, type MeetingsHarness } from './harness.ts';

let h: MeetingsHarness;
let cedar: string;
let fjord: string;
let loft: string;
let empty: string;

const day = '2026-12-01';
const organizerId = 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b';

async function createRoom(name: string): Promise<string> {
  const res = await h.request('/v1/rooms', { method: 'POST', json: { name, capacity: 4 } });
  expect(res.status).toBe(201);
  return RoomSchema.parse(await res.json()).id;
}

/** `count` back-to-back meetings in a room from `start`, each `minutes` long. */
function slots(roomId: string, start: string, count: number, minutes: number) {
  const first = Date.parse(start);
  return Array.from({ length: count }, (_, index) => ({
    id: newId('meeting'),
    title: `Slot ${index + 1}`,
    organizerId,
    roomId,
    startsAt: new Date(first + index * minutes * 60_000),
    endsAt: new Date(first + (index + 1) * minutes * 60_000),
    createdAt: h.clock.now,
    updatedAt: h.clock.now,
  }));
}

function bookingsOn(query: string) {
  return h.request(`/v1/rooms/bookings${query}`);
}

beforeAll(async () => {
  h = await createMeetingsHarness();
  cedar = await createRoom('Cedar');
  fjord = await createRoom('Fjord');
  loft = await createRoom('Loft');
  empty = await createRoom('Empty');
  // Written straight to the table: the point is the count of many, not how each was booked.
  await h.database.db.insert(meetings).values([
    // 150 five-minute meetings: more than one page (100) of the list on their own.
    ...slots(cedar, `${day}T08:00:00Z`, 150, 5),
    ...slots(fjord, `${day}T09:00:00Z`, 9, 30),
    ...slots(loft, `${day}T07:00:00Z`, 10, 60),
    // Ends as the day starts, and starts as it ends: neither overlaps the day.
    ...slots(fjord, '2026-11-30T23:00:00Z', 1, 60),
    ...slots(fjord, '2026-12-02T00:00:00Z', 1, 60),
    // Runs over midnight into the next day: counts on both.
    ...slots(loft, `${day}T23:30:00Z`, 1, 60),
  ]);
  await h.database.db.insert(meetings).values(
    slots(empty, `${day}T10:00:00Z`, 3, 30).map((meeting) => ({
      ...meeting,
      status: 'cancelled' as const,
      cancelledAt: h.clock.now,
    })),
  );
});
afterAll(async () => {
  await h.close();
});

describe('GET /v1/rooms/bookings', () => {
  it('counts every scheduled meeting of the day per room, however many there are', async () => {
    const res = await bookingsOn(`?day=${day}`);
    expect(res.status).toBe(200);
    const body = RoomBookingsSchema.parse(await res.json());
    expect(body.day).toBe(day);
    expect(new Map(body.rooms.map((room) => [room.roomId, room.bookings]))).toEqual(
      new Map([
        [cedar, 150],
        [fjord, 9],
        [loft, 11],
      ]),
    );
    expect(body.total).toBe(170);
    expect(body.rooms.map((room) => room.roomId)).toEqual(
      [cedar, fjord, loft].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('counts a meeting running over midnight on the next day too, and nothing cancelled', async () => {
    const body = RoomBookingsSchema.parse(await (await bookingsOn('?day=2026-12-02')).json());
    expect(body).toEqual({
      day: '2026-12-02',
      total: 2,
      rooms: [
        { roomId: fjord, bookings: 1 },
        { roomId: loft, bookings: 1 },
      ].sort((a, b) => (a.roomId < b.roomId ? -1 : 1)),
    });
  });

  it('answers a day without bookings with no rooms and a total of zero', async () => {
    const body = RoomBookingsSchema.parse(await (await bookingsOn('?day=2027-01-15')).json());
    expect(body).toEqual({ day: '2027-01-15', total: 0, rooms: [] });
  });

  it.each([
    ['no day', ''],
    ['a day that is not YYYY-MM-DD', '?day=tomorrow'],
    ['a month that does not exist', '?day=2026-13-01'],
    ['a day the month does not have', '?day=2026-02-30'],
    ['a year before 1970', '?day=0000-01-01'],
    ['the last day JavaScript cannot follow with another', '?day=9999-12-31'],
  ])('answers %s with a 400 problem naming day, never a 500', async (_case, query) => {
    await expectProblem(await bookingsOn(query), 400, 'day');
  });
});
