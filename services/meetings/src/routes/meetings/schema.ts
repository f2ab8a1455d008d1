import { utcDateTime as boundedUtcDateTime, CursorSchema, LimitSchema, z } from '@trellis/kit';
import {
  initialMeetingStatus,
  initialRsvpResponse,
  meetingStatuses,
  rsvpAnswers,
  rsvpResponses,
} from '../../lifecycle.ts';
import { RoomIdSchema } from '../rooms/schema.ts';

export const MeetingIdSchema = z
  .string()
  .regex(/^mtg_[0-9a-f]{32}$/, 'must be a meeting id (mtg_ followed by 32 hex digits)')
  .openapi({ description: 'Meeting id.', example: 'mtg_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' });

export const UserIdSchema = z
  .string()
  .regex(/^usr_[0-9a-f]{32}$/, 'must be a user id (usr_ followed by 32 hex digits)')
  .openapi({ description: 'User id.', example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' });

const utcDateTime = (description: string, example: string) =>
  boundedUtcDateTime().openapi({ description, example });

export const MeetingStatusSchema = z.enum(meetingStatuses).openapi('MeetingStatus', {
  description: 'A cancelled meeting no longer holds its room and takes no responses.',
  example: initialMeetingStatus,
});

export const RsvpResponseSchema = z.enum(rsvpResponses).openapi('RsvpResponse', {
  description: "An attendee's answer; pending until they respond.",
  example: initialRsvpResponse,
});

export const RsvpAnswerSchema = z.enum(rsvpAnswers).openapi('RsvpAnswer', {
  description: 'What an attendee may answer.',
  example: 'accepted',
});

export const AttendeeSchema = z
  .object({
    userId: UserIdSchema,
    response: RsvpResponseSchema,
    respondedAt: z.iso.datetime().nullable().openapi({
      description: 'When the attendee last responded (UTC); null while pending.',
      example: null,
    }),
  })
  .openapi('Attendee', { description: 'An invited person; the organizer is never one.' });

export type Attendee = z.infer<typeof AttendeeSchema>;

export const MeetingSchema = z
  .object({
    id: MeetingIdSchema,
    title: z.string().openapi({ description: 'What the meeting is about.', example: 'Roadmap' }),
    organizerId: UserIdSchema.openapi({
      description: 'Who called the meeting; attends without responding and takes a seat.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    roomId: RoomIdSchema,
    startsAt: utcDateTime('Start, inclusive (UTC).', '2026-12-01T09:00:00.000Z'),
    endsAt: utcDateTime(
      'End, exclusive (UTC): a meeting may start when the previous one ends.',
      '2026-12-01T10:00:00.000Z',
    ),
    status: MeetingStatusSchema,
    attendees: z.array(AttendeeSchema).openapi({
      description: 'Invited people other than the organizer, by user id.',
      example: [
        {
          userId: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c',
          response: 'pending',
          respondedAt: null,
        },
      ],
    }),
    version: z.number().int().openapi({
      description: 'Bumped on every change, responses included; the ETag carries it.',
      example: 1,
    }),
    createdAt: z.iso.datetime().openapi({
      description: 'When the meeting was scheduled (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
    updatedAt: z.iso.datetime().openapi({
      description: 'When the meeting or a response last changed (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
    cancelledAt: z.iso.datetime().nullable().openapi({
      description: 'When the meeting was cancelled (UTC); null while scheduled.',
      example: null,
    }),
  })
  .openapi('Meeting');

export type Meeting = z.infer<typeof MeetingSchema>;

export const CreateMeetingSchema = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({
      description: 'What the meeting is about, 1 to 200 characters.',
      example: 'Roadmap',
    }),
    organizerId: UserIdSchema.openapi({
      description: 'An active user who calls the meeting.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    roomId: RoomIdSchema.openapi({
      description: 'The room to book; an unknown room is a 422 naming roomId.',
      example: 'room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    startsAt: utcDateTime('Start, inclusive (UTC).', '2026-12-01T09:00:00Z'),
    endsAt: utcDateTime('End, exclusive (UTC); must be after startsAt.', '2026-12-01T10:00:00Z'),
    attendeeIds: z
      .array(UserIdSchema)
      .max(100)
      .default([])
      .openapi({
        description:
          'Up to 100 active users to invite; duplicates and the organizer are ignored. ' +
          'Organizer plus attendees must fit the room.',
        example: ['usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c'],
      }),
  })
  .strict()
  .openapi('CreateMeeting');

export type CreateMeeting = z.infer<typeof CreateMeetingSchema>;

export const RecordRsvpSchema = z
  .object({
    userId: UserIdSchema.openapi({
      description: 'The attendee responding; must be invited to the meeting.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c',
    }),
    response: RsvpAnswerSchema,
  })
  .strict()
  .openapi('RecordRsvp');

export const MeetingParamsSchema = z.object({
  id: MeetingIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ListMeetingsQuerySchema = z.object({
  roomId: RoomIdSchema.optional().openapi({
    description: 'Only meetings in this room.',
    example: 'room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
  }),
  attendeeId: UserIdSchema.optional().openapi({
    description: 'Only meetings this user organizes or is invited to.',
    example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
  }),
  from: utcDateTime(
    'Only meetings still running at or after this instant (those ending after it).',
    '2026-12-01T00:00:00Z',
  ).optional(),
  to: utcDateTime(
    'Only meetings starting before this instant; must be after from.',
    '2026-12-02T00:00:00Z',
  ).optional(),
  status: MeetingStatusSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const MeetingPageSchema = z
  .object({
    items: z.array(MeetingSchema).openapi({ description: 'Meetings by start time, then id.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('MeetingPage');
