import 'server-only';
import type { MeetingsComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { serviceClient } from '@/lib/services';

export type Room = MeetingsComponents['schemas']['Room'];
export type Meeting = MeetingsComponents['schemas']['Meeting'];

/** Every room, by name; a building has dozens, not thousands. */
export async function listRooms(): Promise<Outcome<Room[]>> {
  const rooms: Room[] = [];
  let cursor: string | undefined;
  do {
    const page = await outcomeOf(
      serviceClient('meetings').GET('/v1/rooms', {
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    );
    if (!page.ok) {
      return page;
    }
    rooms.push(...page.data.items);
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor);
  return { ok: true, data: rooms };
}

export function getRoom(id: string): Promise<Outcome<Room>> {
  return outcomeOf(serviceClient('meetings').GET('/v1/rooms/{id}', { params: { path: { id } } }));
}

export function getMeeting(id: string): Promise<Outcome<Meeting>> {
  return outcomeOf(
    serviceClient('meetings').GET('/v1/meetings/{id}', { params: { path: { id } } }),
  );
}

/** Meetings running in [from, to), optionally in one room, by start time (at most 100). */
export async function listMeetingsBetween(
  from: Date,
  to: Date,
  roomId?: string,
): Promise<Outcome<Meeting[]>> {
  const page = await outcomeOf(
    serviceClient('meetings').GET('/v1/meetings', {
      params: {
        query: {
          from: from.toISOString(),
          to: to.toISOString(),
          limit: 100,
          ...(roomId ? { roomId } : {}),
        },
      },
    }),
  );
  return page.ok ? { ok: true, data: page.data.items } : page;
}
