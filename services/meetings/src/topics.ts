import { defineTopic, type Topic, z } from '@trellis/kit';
import { participantsOf } from './domain.ts';
import { MeetingSchema, RsvpAnswerSchema, UserIdSchema } from './routes/meetings/schema.ts';
import { RoomSchema } from './routes/rooms/schema.ts';

/** Every meeting event carries the meeting as it is after the change. */
export const MeetingEventSchema = z.object({ meeting: MeetingSchema });

export type MeetingEventPayload = z.infer<typeof MeetingEventSchema>;

export const MeetingCancelledSchema = MeetingEventSchema.extend({
  reason: z.enum(['organizer_suspended']).optional().openapi({
    description: 'Why the platform cancelled it; absent when the organizer or an operator did.',
    example: 'organizer_suspended',
  }),
});

export const MeetingRsvpRecordedSchema = MeetingEventSchema.extend({
  rsvp: z
    .object({ userId: UserIdSchema, response: RsvpAnswerSchema })
    .openapi({ description: 'Who answered, and what.' }),
});

export const MeetingAttendeeRemovedSchema = MeetingEventSchema.extend({
  userId: UserIdSchema.openapi({
    description: 'The attendee taken out of the meeting.',
    example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c',
  }),
  reason: z.enum(['user_suspended']).openapi({
    description: 'Why they were taken out.',
    example: 'user_suspended',
  }),
});

const aboutTheMeeting = {
  key: (payload: MeetingEventPayload) => payload.meeting.id,
  // The organizer and everyone still invited.
  audience: (payload: MeetingEventPayload) => participantsOf(payload.meeting),
};

export const roomCreated = defineTopic('room.created', z.object({ room: RoomSchema }), {
  description: 'A room was added and may be booked.',
  key: (payload) => payload.room.id,
});

export const meetingScheduled = defineTopic('meeting.scheduled', MeetingEventSchema, {
  description: 'A meeting was scheduled: its room is booked and its attendees invited.',
  ...aboutTheMeeting,
});

export const meetingCancelled = defineTopic('meeting.cancelled', MeetingCancelledSchema, {
  description:
    'A meeting was cancelled and its room freed; `reason` says why when the platform did it.',
  ...aboutTheMeeting,
});

// `meeting.rsvp_recorded` until topics: their names take no underscore.
export const meetingRsvpRecorded = defineTopic('meeting.rsvp-recorded', MeetingRsvpRecordedSchema, {
  description: 'An attendee accepted or declined a meeting.',
  ...aboutTheMeeting,
});

export const meetingAttendeeRemoved = defineTopic(
  'meeting.attendee-removed',
  MeetingAttendeeRemovedSchema,
  {
    description: 'An attendee was taken out of a future meeting (they were suspended).',
    key: (payload) => payload.meeting.id,
    audience: (payload) => [...participantsOf(payload.meeting), payload.userId],
  },
);

export type MeetingTopic =
  | Topic<typeof MeetingEventSchema>
  | Topic<typeof MeetingCancelledSchema>
  | Topic<typeof MeetingRsvpRecordedSchema>
  | Topic<typeof MeetingAttendeeRemovedSchema>;

/** The topics meetings publishes, for the messaging service and the console. */
export const meetingsTopics: readonly Topic[] = [
  roomCreated,
  meetingScheduled,
  meetingCancelled,
  meetingRsvpRecorded,
  meetingAttendeeRemoved,
];
