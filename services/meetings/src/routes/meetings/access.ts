import type { Database } from '@trellis/db';
import { type Access, mayActOn } from '@trellis/kit';
import type { Context } from 'hono';
import { NotYourMeeting, participantsOf } from '../../domain.ts';
import { findMeetingById, type MeetingRecord } from '../../repository.ts';

/** A member on meetings of their own (the handler checks), operators and admins on any. */
export const ownerOrOperator = { owner: true, role: 'operator' } as const satisfies Access;

/** The meeting if the caller may see it (a 403 unless they take part), or undefined. */
export async function findMeetingFor(
  c: Context,
  db: Database,
  id: string,
): Promise<MeetingRecord | undefined> {
  const record = await findMeetingById(db, id);
  if (!record) {
    return undefined;
  }
  const participants = participantsOf({ ...record.meeting, attendees: record.attendees });
  if (!participants.some((userId) => mayActOn(c, userId))) {
    throw new NotYourMeeting(id);
  }
  return record;
}
