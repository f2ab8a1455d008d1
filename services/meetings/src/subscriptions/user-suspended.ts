import type { Tx } from '@trellis/db';
import type { TopicPayload } from '@trellis/kit';
import type { userSuspended } from '@trellis/users/topics';
import { changeMeeting, lockFutureMeetingsOf } from '../repository.ts';
import { meetingEvent } from '../routes/meetings/present.ts';
import { meetingAttendeeRemoved, meetingCancelled } from '../topics.ts';

export interface SuspensionOutcome {
  /** The future meetings the user organized, now cancelled. */
  cancelled: string[];
  /** The future meetings the user was invited to, now without them. */
  left: string[];
}

/**
 * `user.suspended`: cancels the future meetings the user organizes (each publishing
 * `meeting.cancelled`, whose audience is the organizer and the attendees) and takes them out of
 * the future meetings they are invited to (`meeting.attendee-removed`). Meetings that have
 * started are left as they are. All on the handler's transaction; a second run finds nothing.
 */
export async function withdrawSuspendedUser(
  payload: TopicPayload<typeof userSuspended>,
  { tx, now }: { tx: Tx; now: Date },
): Promise<SuspensionOutcome> {
  const userId = payload.user.id;
  const { organized, attending } = await lockFutureMeetingsOf(tx, userId, now);
  for (const { meeting } of organized) {
    await changeMeeting(
      tx,
      meeting.id,
      () => ({ kind: 'cancel' }),
      meetingEvent(meetingCancelled, { reason: 'organizer_suspended' }),
      now,
    );
  }
  for (const { meeting } of attending) {
    await changeMeeting(
      tx,
      meeting.id,
      () => ({ kind: 'remove-attendee', userId }),
      meetingEvent(meetingAttendeeRemoved, { userId, reason: 'user_suspended' }),
      now,
    );
  }
  return {
    cancelled: organized.map(({ meeting }) => meeting.id),
    left: attending.map(({ meeting }) => meeting.id),
  };
}
