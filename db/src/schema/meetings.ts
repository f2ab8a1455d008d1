import { relations, sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt, versionColumn } from './columns.ts';

export const meetingStatus = pgEnum('meeting_status', ['scheduled', 'cancelled']);
export const rsvpResponse = pgEnum('rsvp_response', ['pending', 'accepted', 'declined']);

export const rooms = pgTable(
  'rooms',
  {
    id: idColumn(),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    location: text('location'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rooms_name_lower_key').on(sql`lower(${t.name})`),
    check('rooms_capacity_positive', sql`${t.capacity} >= 1`),
  ],
);

// Double booking is prevented by the exclusion constraint `meetings_room_no_overlap`
// (see the custom migration): drizzle cannot express EXCLUDE USING gist yet.
export const meetings = pgTable(
  'meetings',
  {
    id: idColumn(),
    title: text('title').notNull(),
    organizerId: text('organizer_id').notNull(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: meetingStatus('status').notNull().default('scheduled'),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('meetings_room_time_idx').on(t.roomId, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
    check('meetings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    response: rsvpResponse('response').notNull().default('pending'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    index('meeting_attendees_user_idx').on(t.userId),
  ],
);

export const roomsRelations = relations(rooms, ({ many }) => ({ meetings: many(meetings) }));
export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  room: one(rooms, { fields: [meetings.roomId], references: [rooms.id] }),
  attendees: many(meetingAttendees),
}));
export const meetingAttendeesRelations = relations(meetingAttendees, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingAttendees.meetingId], references: [meetings.id] }),
}));

export type RoomRow = typeof rooms.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingAttendeeRow = typeof meetingAttendees.$inferSelect;
