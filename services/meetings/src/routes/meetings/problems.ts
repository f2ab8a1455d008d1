import { z } from '@trellis/kit';
import { RoomIdSchema } from '../rooms/schema.ts';
import { MeetingStatusSchema, UserIdSchema } from './schema.ts';

/** What a 409 of a booked room carries (see `RoomTaken`). */
export const RoomTakenExtensions = { roomId: RoomIdSchema };

/** What a 422 of a meeting that breaks a rule carries, depending on the rule it breaks. */
export const MeetingRuleExtensions = {
  maxMeetingMinutes: z.number().int().min(1).openapi({
    description: 'The longest a meeting may last now, in minutes (live config; `MeetingTooLong`).',
    example: 480,
  }),
  capacity: z.number().int().min(1).openapi({
    description: 'How many the room seats (`CapacityExceeded`).',
    example: 8,
  }),
  participants: z.number().int().min(1).openapi({
    description: 'How many the organizer and attendees are (`CapacityExceeded`).',
    example: 9,
  }),
  missing: z.array(UserIdSchema).openapi({
    description: 'Invited users that do not exist (`IneligibleParticipants`).',
  }),
  suspended: z.array(UserIdSchema).openapi({
    description: 'Invited users that are suspended (`IneligibleParticipants`).',
  }),
};

/** What a 409 on a cancelled meeting carries (see `MeetingCancelled`). */
export const MeetingCancelledExtensions = { currentStatus: MeetingStatusSchema };
