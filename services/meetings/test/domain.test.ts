import { ApiError } from '@trellis/kit';
import { describe, expect, it } from 'vitest';
import {
  assertCancellable,
  assertCapacity,
  assertMayRsvp,
  assertMeetingLength,
  assertParticipantsEligible,
  assertTimeRange,
  CapacityExceeded,
  IneligibleParticipants,
  InvalidTimeRange,
  inviteesOf,
  MeetingCancelled,
  MeetingTooLong,
  NotAnAttendee,
  participantsOf,
} from '../src/domain.ts';
import { meetingActionsFrom, takesResponses } from '../src/lifecycle.ts';

const ada = `usr_${'a'.repeat(32)}`;
const bob = `usr_${'b'.repeat(32)}`;
const cy = `usr_${'c'.repeat(32)}`;
const t = (time: string) => new Date(`2026-12-01T${time}:00.000Z`);

function caught(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('assertTimeRange', () => {
  it('accepts a range that ends after it starts', () => {
    expect(() => assertTimeRange(t('09:00'), t('09:01'))).not.toThrow();
  });

  it('refuses an empty or inverted range as a 400 naming the end field', () => {
    for (const end of [t('09:00'), t('08:00')]) {
      const error = caught(() => assertTimeRange(t('09:00'), end));
      expect(error).toBeInstanceOf(InvalidTimeRange);
      expect(error.status).toBe(400);
      expect(error.errors).toEqual([
        { in: 'body', path: 'endsAt', message: 'must be after startsAt' },
      ]);
    }
  });

  it('names the fields it is given, e.g. a query window', () => {
    const error = caught(() =>
      assertTimeRange(t('10:00'), t('09:00'), { in: 'query', start: 'from', end: 'to' }),
    );
    expect(error.errors).toEqual([{ in: 'query', path: 'to', message: 'must be after from' }]);
  });
});

describe('inviteesOf and assertCapacity', () => {
  it('drops duplicates and the organizer, keeping the order given', () => {
    expect(inviteesOf(ada, [bob, ada, cy, bob])).toEqual([bob, cy]);
  });

  it('counts the organizer as one seat beside the invitees', () => {
    expect(() => assertCapacity(3, [bob, cy])).not.toThrow();
    const error = caught(() => assertCapacity(2, [bob, cy]));
    expect(error).toBeInstanceOf(CapacityExceeded);
    expect(error.status).toBe(422);
    expect(error.extensions).toEqual({ capacity: 2, participants: 3 });
  });

  it('explains the refusal in sentences that agree with their numbers', () => {
    const crowded = new CapacityExceeded(2, 3);
    expect(crowded.detail).toBe('The room seats 2, but the organizer and 2 attendees make 3.');
    // The console puts the field's label, Attendees, in front of the message.
    expect(crowded.errors).toEqual([
      {
        in: 'body',
        path: 'attendeeIds',
        message: 'must fit the room, which seats 2 people with the organizer',
      },
    ]);
    const booth = new CapacityExceeded(1, 2);
    expect(booth.detail).toBe('The room seats 1, but the organizer and 1 attendee make 2.');
    expect(booth.errors[0]?.message).toBe(
      'must fit the room, which seats 1 person with the organizer',
    );
  });

  it('seats a lone organizer in a room for one', () => {
    expect(() => assertCapacity(1, [])).not.toThrow();
  });
});

describe('assertParticipantsEligible', () => {
  it('passes when everyone exists and is active', () => {
    expect(() =>
      assertParticipantsEligible(
        { organizerId: ada, attendeeIds: [bob] },
        {
          found: [
            { id: ada, status: 'active' },
            { id: bob, status: 'active' },
          ],
          missing: [],
        },
      ),
    ).not.toThrow();
  });

  it('names the organizer and each attendee index that is missing or suspended', () => {
    const error = caught(() =>
      assertParticipantsEligible(
        { organizerId: ada, attendeeIds: [bob, ada, cy] },
        {
          found: [
            { id: ada, status: 'suspended' },
            { id: bob, status: 'active' },
          ],
          missing: [cy],
        },
      ),
    );
    expect(error).toBeInstanceOf(IneligibleParticipants);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      { in: 'body', path: 'organizerId', message: 'is suspended' },
      { in: 'body', path: 'attendeeIds[2]', message: 'is not a user' },
    ]);
    expect(error.extensions).toEqual({ missing: [cy], suspended: [ada] });
  });
});

describe('assertMayRsvp and assertCancellable', () => {
  const meeting = {
    id: `mtg_${'1'.repeat(32)}`,
    status: 'scheduled' as const,
    organizerId: ada,
    attendees: [{ userId: bob }],
  };

  it('lets an invited attendee of a scheduled meeting respond', () => {
    expect(() => assertMayRsvp(meeting, bob)).not.toThrow();
  });

  it('refuses anyone not invited, the organizer included, with 422 naming userId', () => {
    for (const userId of [cy, ada]) {
      const error = caught(() => assertMayRsvp(meeting, userId));
      expect(error).toBeInstanceOf(NotAnAttendee);
      expect(error.status).toBe(422);
      expect(error.errors[0]?.path).toBe('userId');
    }
  });

  it('counts the organizer and every invitee as taking part, and no one else', () => {
    const invited = { ...meeting, attendees: [{ userId: bob }, { userId: cy }] };
    expect(participantsOf(invited)).toEqual([ada, bob, cy]);
    expect(participantsOf(meeting)).not.toContain(cy);
  });

  it('refuses responses and a second cancel once the meeting is cancelled, with 409', () => {
    const cancelled = { ...meeting, status: 'cancelled' as const };
    expect(caught(() => assertMayRsvp(cancelled, bob))).toBeInstanceOf(MeetingCancelled);
    expect(() => assertCancellable(meeting)).not.toThrow();
    const error = caught(() => assertCancellable(cancelled));
    expect(error).toBeInstanceOf(MeetingCancelled);
    expect(error.status).toBe(409);
  });
});

describe('the actions a meeting allows', () => {
  it('offers cancel and takes responses only while the meeting is scheduled', () => {
    expect(meetingActionsFrom('scheduled')).toEqual(['cancel']);
    expect(takesResponses('scheduled')).toBe(true);
    expect(meetingActionsFrom('cancelled')).toEqual([]);
    expect(takesResponses('cancelled')).toBe(false);
  });
});

describe('meeting length', () => {
  const start = new Date('2026-12-01T09:00:00.000Z');
  const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('allows up to the limit and refuses longer with 422 naming endsAt', () => {
    expect(() => assertMeetingLength(start, after(480), 480)).not.toThrow();
    let thrown: unknown;
    try {
      assertMeetingLength(start, after(481), 480);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MeetingTooLong);
    expect((thrown as ApiError).status).toBe(422);
    expect((thrown as ApiError).errors[0]?.path).toBe('endsAt');
  });
});
