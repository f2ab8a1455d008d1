import 'server-only';
import type { MeetingsComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

export type Room = MeetingsComponents['schemas']['Room'];
export type Meeting = MeetingsComponents['schemas']['Meeting'];

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Every item of a listing, page after page. */
async function everyPage<T>(
  pageAfter: (cursor: string | undefined) => Promise<Outcome<Page<T>>>,
): Promise<Outcome<T[]>> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageAfter(cursor);
    if (!page.ok) {
      return page;
    }
    items.push(...page.data.items);
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor);
  return { ok: true, data: items };
}

/** Every room, by name; a building has dozens, not thousands. */
export function listRooms(caller: Caller): Promise<Outcome<Room[]>> {
  return everyPage((cursor) =>
    outcomeOf(
      serviceClient('meetings').GET('/v1/rooms', {
        headers: asOperator(caller),
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
}

/** Every meeting of one room running in [from, to): a room's day holds what fits in a day. */
export function listRoomMeetingsBetween(
  caller: Caller,
  roomId: string,
  from: Date,
  to: Date,
): Promise<Outcome<Meeting[]>> {
  return everyPage((cursor) =>
    outcomeOf(
      serviceClient('meetings').GET('/v1/meetings', {
        headers: asOperator(caller),
        params: {
          query: {
            roomId,
            from: from.toISOString(),
            to: to.toISOString(),
            limit: 100,
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    ),
  );
}

/** Scheduled meetings per room on a UTC day, counted by the service however many there are. */
export async function countRoomBookings(
  caller: Caller,
  day: string,
): Promise<Outcome<Map<string, number>>> {
  const counted = await outcomeOf(
    serviceClient('meetings').GET('/v1/rooms/bookings', {
      headers: asOperator(caller),
      params: { query: { day } },
    }),
  );
  return counted.ok
    ? { ok: true, data: new Map(counted.data.rooms.map((room) => [room.roomId, room.bookings])) }
    : counted;
}

export function getRoom(caller: Caller, id: string): Promise<Outcome<Room>> {
  return outcomeOf(
    serviceClient('meetings').GET('/v1/rooms/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

export function getMeeting(caller: Caller, id: string): Promise<Outcome<Meeting>> {
  return outcomeOf(
    serviceClient('meetings').GET('/v1/meetings/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

/**
 * The first 100 meetings running in [from, to), optionally in one room or of one status, by
 * start time: for showing meetings, never for counting them (`countRoomBookings` counts).
 */
export async function listMeetingsBetween(
  caller: Caller,
  from: Date,
  to: Date,
  roomId?: string,
  status?: Meeting['status'],
): Promise<Outcome<Meeting[]>> {
  const page = await outcomeOf(
    serviceClient('meetings').GET('/v1/meetings', {
      headers: asOperator(caller),
      params: {
        query: {
          from: from.toISOString(),
          to: to.toISOString(),
          limit: 100,
          ...(roomId ? { roomId } : {}),
          ...(status ? { status } : {}),
        },
      },
    }),
  );
  return page.ok ? { ok: true, data: page.data.items } : page;
}
