import {
  type Database,
  type Executor,
  newId,
  pgConstraint,
  pgErrorCode,
  pgErrorCodes,
  type Tx,
} from '@trellis/db';
import {
  type MeetingAttendeeRow,
  type MeetingRow,
  meetingAttendees,
  meetings,
  type RoomRow,
  rooms,
} from '@trellis/db/schema';
import { and, asc, eq, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { RoomNameTaken, RoomTaken } from './domain.ts';

/** A meeting with its attendees, sorted by user id. */
export interface MeetingRecord {
  meeting: MeetingRow;
  attendees: MeetingAttendeeRow[];
}

export interface NewRoom {
  name: string;
  capacity: number;
  location: string | null;
}

/** Inserts a room and `event` on the caller's transaction (the one holding its Idempotency-Key). */
export async function insertRoom(
  tx: Tx,
  input: NewRoom,
  event: (tx: Tx, room: RoomRow) => Promise<unknown>,
  now: Date,
): Promise<RoomRow> {
  try {
    const [row] = await tx
      .insert(rooms)
      .values({ id: newId('room'), ...input, createdAt: now })
      .returning();
    if (!row) {
      throw new Error('insert returned no row');
    }
    await event(tx, row);
    return row;
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      throw new RoomNameTaken(input.name);
    }
    throw error;
  }
}

export async function findRoomById(db: Database, id: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id)).limit(1);
  return row;
}

/** By name, case-insensitively; the unique index on lower(name) makes it a total order. */
export async function listRooms(
  db: Database,
  query: { limit: number; afterName?: string | undefined },
): Promise<RoomRow[]> {
  const nameKey = sql`lower(${rooms.name})`;
  return db
    .select()
    .from(rooms)
    .where(query.afterName === undefined ? undefined : sql`${nameKey} > lower(${query.afterName})`)
    .orderBy(nameKey)
    .limit(query.limit + 1);
}

/**
 * Scheduled meetings overlapping [from, to) per room, counted by Postgres: a day can hold
 * thousands, so a page of the list would undercount.
 */
export async function countBookingsByRoom(
  db: Database,
  window: { from: Date; to: Date },
): Promise<{ roomId: string; bookings: number }[]> {
  return db
    .select({ roomId: meetings.roomId, bookings: sql<number>`count(*)::int` })
    .from(meetings)
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gt(meetings.endsAt, window.from),
        lt(meetings.startsAt, window.to),
      ),
    )
    .groupBy(meetings.roomId)
    .orderBy(asc(meetings.roomId));
}

async function attendeesOf(db: Executor, meetingIds: string[]): Promise<MeetingAttendeeRow[]> {
  if (meetingIds.length === 0) {
    return [];
  }
  return db
    .select()
    .from(meetingAttendees)
    .where(inArray(meetingAttendees.meetingId, meetingIds))
    .orderBy(asc(meetingAttendees.meetingId), asc(meetingAttendees.userId));
}

async function withAttendees(db: Executor, rows: MeetingRow[]): Promise<MeetingRecord[]> {
  const attendees = await attendeesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((meeting) => ({
    meeting,
    attendees: attendees.filter((attendee) => attendee.meetingId === meeting.id),
  }));
}

/** Publishes the event of a change to a meeting, on the change's transaction. */
export type MeetingEvent = (tx: Tx, record: MeetingRecord) => Promise<unknown>;

export interface NewMeeting {
  title: string;
  organizerId: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  attendeeIds: string[];
}

/**
 * Books the room, on the caller's transaction. The exclusion constraint
 * `meetings_room_no_overlap` is what keeps two racing requests from both getting the slot: the
 * loser's insert fails with 23P01.
 */
export async function insertMeeting(
  tx: Tx,
  input: NewMeeting,
  event: MeetingEvent,
  now: Date,
): Promise<MeetingRecord> {
  const { attendeeIds, ...fields } = input;
  try {
    const [meeting] = await tx
      .insert(meetings)
      .values({ id: newId('meeting'), ...fields, createdAt: now, updatedAt: now })
      .returning();
    if (!meeting) {
      throw new Error('insert returned no row');
    }
    if (attendeeIds.length > 0) {
      await tx
        .insert(meetingAttendees)
        .values(attendeeIds.map((userId) => ({ meetingId: meeting.id, userId })));
    }
    const record = { meeting, attendees: await attendeesOf(tx, [meeting.id]) };
    await event(tx, record);
    return record;
  } catch (error) {
    if (
      pgErrorCode(error) === pgErrorCodes.exclusionViolation &&
      pgConstraint(error) === 'meetings_room_no_overlap'
    ) {
      throw new RoomTaken(input.roomId, input.startsAt, input.endsAt);
    }
    throw error;
  }
}

export async function findMeetingById(
  db: Database,
  id: string,
): Promise<MeetingRecord | undefined> {
  const rows = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  const [record] = await withAttendees(db, rows);
  return record;
}

export interface MeetingListQuery {
  roomId?: string;
  attendeeId?: string;
  from?: Date;
  to?: Date;
  status?: MeetingRow['status'];
  limit: number;
  after?: { startsAt: Date; id: string };
}

/** By start time then id; `from`/`to` keep the meetings overlapping that window. */
export async function listMeetings(
  db: Database,
  query: MeetingListQuery,
): Promise<MeetingRecord[]> {
  const filters: (SQL | undefined)[] = [];
  if (query.roomId) {
    filters.push(eq(meetings.roomId, query.roomId));
  }
  if (query.attendeeId) {
    const invitedTo = db
      .select({ id: meetingAttendees.meetingId })
      .from(meetingAttendees)
      .where(eq(meetingAttendees.userId, query.attendeeId));
    filters.push(or(eq(meetings.organizerId, query.attendeeId), inArray(meetings.id, invitedTo)));
  }
  if (query.from) {
    filters.push(gt(meetings.endsAt, query.from));
  }
  if (query.to) {
    filters.push(lt(meetings.startsAt, query.to));
  }
  if (query.status) {
    filters.push(eq(meetings.status, query.status));
  }
  if (query.after) {
    filters.push(
      or(
        gt(meetings.startsAt, query.after.startsAt),
        and(eq(meetings.startsAt, query.after.startsAt), gt(meetings.id, query.after.id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(meetings)
    .where(and(...filters))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(query.limit + 1);
  return withAttendees(db, rows);
}

/**
 * The scheduled meetings starting after `now` that `userId` organizes or is invited to, by start
 * time, locked FOR UPDATE until the transaction ends so neither their status nor their
 * attendees change before the caller's changes are written.
 */
export async function lockFutureMeetingsOf(
  tx: Tx,
  userId: string,
  now: Date,
): Promise<{ organized: MeetingRecord[]; attending: MeetingRecord[] }> {
  const invitedTo = tx
    .select({ id: meetingAttendees.meetingId })
    .from(meetingAttendees)
    .where(eq(meetingAttendees.userId, userId));
  const rows = await tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gt(meetings.startsAt, now),
        or(eq(meetings.organizerId, userId), inArray(meetings.id, invitedTo)),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .for('update');
  const records = await withAttendees(tx, rows);
  return {
    organized: records.filter((record) => record.meeting.organizerId === userId),
    attending: records.filter((record) => record.meeting.organizerId !== userId),
  };
}

export type MeetingChange =
  | { kind: 'rsvp'; userId: string; response: 'accepted' | 'declined' }
  | { kind: 'remove-attendee'; userId: string }
  | { kind: 'cancel' };

/**
 * Applies a change to a meeting locked FOR UPDATE, so the rule `decide` checks still holds
 * when the change is written (an RSVP cannot land on a meeting being cancelled).
 * In one transaction (a savepoint of `db` when it is one); undefined when there is no such
 * meeting.
 */
export async function changeMeeting(
  db: Executor,
  id: string,
  decide: (current: MeetingRecord) => MeetingChange,
  event: MeetingEvent,
  now: Date,
): Promise<MeetingRecord | undefined> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!locked) {
      return undefined;
    }
    const change = decide({ meeting: locked, attendees: await attendeesOf(tx, [id]) });
    if (change.kind === 'rsvp') {
      await tx
        .update(meetingAttendees)
        .set({ response: change.response, respondedAt: now })
        .where(and(eq(meetingAttendees.meetingId, id), eq(meetingAttendees.userId, change.userId)));
    }
    if (change.kind === 'remove-attendee') {
      await tx
        .delete(meetingAttendees)
        .where(and(eq(meetingAttendees.meetingId, id), eq(meetingAttendees.userId, change.userId)));
    }
    const [meeting] = await tx
      .update(meetings)
      .set({
        ...(change.kind === 'cancel' ? { status: 'cancelled' as const, cancelledAt: now } : {}),
        version: sql`${meetings.version} + 1`,
        updatedAt: now,
      })
      .where(eq(meetings.id, id))
      .returning();
    if (!meeting) {
      throw new Error('update returned no row');
    }
    const record = { meeting, attendees: await attendeesOf(tx, [id]) };
    await event(tx, record);
    return record;
  });
}
