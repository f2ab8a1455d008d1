import type { UsersComponents } from '@trellis/client';
import { ApiError, counted, type FieldError } from '@trellis/kit';
import { type MeetingStatus, meetingLifecycle, takesResponses } from './lifecycle.ts';

export type { MeetingStatus } from './lifecycle.ts';

export class RoomNameTaken extends ApiError {
  constructor(name: string) {
    super('conflict', {
      detail: `A room named ${name} already exists.`,
      errors: [{ in: 'body', path: 'name', message: 'is already taken' }],
    });
  }
}

export class RoomNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No room with id ${id}.` });
  }
}

/** The room a new meeting names does not exist: a broken rule of the body, not a missing URL. */
export class UnknownRoom extends ApiError {
  constructor(id: string) {
    super('unprocessable', {
      detail: `No room with id ${id}.`,
      errors: [{ in: 'body', path: 'roomId', message: 'does not exist' }],
    });
  }
}

export class MeetingNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No meeting with id ${id}.` });
  }
}

/** A member asked for a meeting they neither organize nor are invited to. */
export class NotYourMeeting extends ApiError {
  constructor(id: string) {
    super('forbidden', {
      detail: `You may only see meetings you organize or are invited to; ${id} is neither.`,
    });
  }
}

export class InvalidTimeRange extends ApiError {
  constructor(fields: TimeRangeFields) {
    super('bad_request', {
      detail: `${fields.end} must be after ${fields.start}.`,
      errors: [{ in: fields.in, path: fields.end, message: `must be after ${fields.start}` }],
    });
  }
}

export class MeetingTooLong extends ApiError {
  constructor(minutes: number, maxMinutes: number) {
    super('unprocessable', {
      detail: `A meeting may last at most ${counted(maxMinutes, 'minute')}; this one lasts ${minutes}.`,
      errors: [
        {
          in: 'body',
          path: 'endsAt',
          message: `must be at most ${counted(maxMinutes, 'minute')} after startsAt`,
        },
      ],
      extensions: { maxMeetingMinutes: maxMinutes },
    });
  }
}

export class RoomTaken extends ApiError {
  constructor(roomId: string, startsAt: Date, endsAt: Date) {
    super('conflict', {
      detail: `Room ${roomId} is already booked between ${startsAt.toISOString()} and ${endsAt.toISOString()}.`,
      errors: [{ in: 'body', path: 'roomId', message: 'is taken at that time' }],
      extensions: { roomId },
    });
  }
}

export class CapacityExceeded extends ApiError {
  constructor(capacity: number, participants: number) {
    super('unprocessable', {
      detail:
        `The room seats ${capacity}, but the organizer and ` +
        `${counted(participants - 1, 'attendee')} make ${participants}.`,
      errors: [
        {
          in: 'body',
          path: 'attendeeIds',
          message: `must fit the room, which seats ${counted(capacity, 'person', 'people')} with the organizer`,
        },
      ],
      extensions: { capacity, participants },
    });
  }
}

export class IneligibleParticipants extends ApiError {
  constructor(errors: FieldError[], missing: string[], suspended: string[]) {
    const parts = [
      ...(missing.length > 0 ? [`no such user: ${missing.join(', ')}`] : []),
      ...(suspended.length > 0 ? [`suspended: ${suspended.join(', ')}`] : []),
    ];
    super('unprocessable', {
      detail: `Everyone in a meeting must be an active user (${parts.join('; ')}).`,
      errors,
      extensions: { missing, suspended },
    });
  }
}

export class NotAnAttendee extends ApiError {
  constructor(meetingId: string, userId: string, isOrganizer: boolean) {
    super('unprocessable', {
      detail: isOrganizer
        ? `User ${userId} organizes meeting ${meetingId}; only invited attendees respond.`
        : `User ${userId} is not invited to meeting ${meetingId}.`,
      errors: [{ in: 'body', path: 'userId', message: 'is not an attendee of this meeting' }],
    });
  }
}

export class MeetingCancelled extends ApiError {
  constructor(meetingId: string) {
    super('conflict', {
      detail: `Meeting ${meetingId} is cancelled.`,
      extensions: { currentStatus: 'cancelled' },
    });
  }
}

export interface TimeRangeFields {
  in: 'body' | 'query';
  start: string;
  end: string;
}

/** Ranges are half-open, [start, end): an empty or inverted one books nothing. */
export function assertTimeRange(
  start: Date,
  end: Date,
  fields: TimeRangeFields = { in: 'body', start: 'startsAt', end: 'endsAt' },
): void {
  if (end.getTime() <= start.getTime()) {
    throw new InvalidTimeRange(fields);
  }
}

/** A meeting lasts at most `maxMinutes`, live config (`maxMeetingMinutes`). */
export function assertMeetingLength(start: Date, end: Date, maxMinutes: number): void {
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes > maxMinutes) {
    throw new MeetingTooLong(Math.ceil(minutes), maxMinutes);
  }
}

/**
 * The invited attendees, deduplicated in the order given, without the organizer: the organizer
 * is a participant in their own right, never an attendee.
 */
export function inviteesOf(organizerId: string, attendeeIds: readonly string[]): string[] {
  return [...new Set(attendeeIds)].filter((id) => id !== organizerId);
}

/** Everyone takes a seat: the organizer and each invitee. */
export function assertCapacity(capacity: number, invitees: readonly string[]): void {
  const participants = 1 + invitees.length;
  if (participants > capacity) {
    throw new CapacityExceeded(capacity, participants);
  }
}

export interface DirectoryAnswer {
  found: { id: string; status: UsersComponents['schemas']['UserStatus'] }[];
  missing: string[];
}

/** Refuses the meeting unless the organizer and every attendee exist and are active. */
export function assertParticipantsEligible(
  request: { organizerId: string; attendeeIds: readonly string[] },
  answer: DirectoryAnswer,
): void {
  const missing = new Set(answer.missing);
  const suspended = new Set(answer.found.filter((u) => u.status !== 'active').map((u) => u.id));
  const problem = (id: string) =>
    missing.has(id) ? 'is not a user' : suspended.has(id) ? 'is suspended' : undefined;
  const errors: FieldError[] = [];
  const organizerProblem = problem(request.organizerId);
  if (organizerProblem) {
    errors.push({ in: 'body', path: 'organizerId', message: organizerProblem });
  }
  request.attendeeIds.forEach((id, index) => {
    const attendeeProblem = id === request.organizerId ? undefined : problem(id);
    if (attendeeProblem) {
      errors.push({ in: 'body', path: `attendeeIds[${index}]`, message: attendeeProblem });
    }
  });
  if (errors.length > 0) {
    throw new IneligibleParticipants(errors, [...missing], [...suspended]);
  }
}

export interface MeetingState {
  id: string;
  status: MeetingStatus;
  organizerId: string;
  attendees: readonly { userId: string }[];
}

/** Who takes part in a meeting: its organizer and everyone invited. */
export function participantsOf(meeting: Pick<MeetingState, 'organizerId' | 'attendees'>): string[] {
  return [meeting.organizerId, ...meeting.attendees.map((attendee) => attendee.userId)];
}

/** Only invited attendees of a meeting still scheduled may respond. */
export function assertMayRsvp(meeting: MeetingState, userId: string): void {
  if (!takesResponses(meeting.status)) {
    throw new MeetingCancelled(meeting.id);
  }
  if (!meeting.attendees.some((attendee) => attendee.userId === userId)) {
    throw new NotAnAttendee(meeting.id, userId, userId === meeting.organizerId);
  }
}

export function assertCancellable(meeting: Pick<MeetingState, 'id' | 'status'>): void {
  if (meeting.status !== meetingLifecycle.transitions.cancel.from) {
    throw new MeetingCancelled(meeting.id);
  }
}
