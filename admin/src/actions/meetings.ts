'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRoom, listMeetingsBetween } from '@/data/meetings';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText, formValues } from '@/lib/form-state';
import { counted, formatLongDate, formatTime, isUtcDay, utcDay } from '@/lib/format';
import { adminLogger } from '@/lib/logger';
import { fieldErrorsOf, outcomeOf, type Problem } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

const fields = ['title', 'roomId', 'date', 'start', 'end', 'organizerId'] as const;

/** The service names startsAt/endsAt/attendeeIds[3]; the form has date, start, end, attendees. */
function formField(path: string): string {
  if (path === 'startsAt') {
    return 'start';
  }
  if (path === 'endsAt') {
    return 'end';
  }
  return path.replace(/\[\d+\]$/, '');
}

async function takenMessage(
  caller: Caller,
  roomId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<string> {
  const [room, clashes] = await Promise.all([
    getRoom(caller, roomId),
    listMeetingsBetween(caller, startsAt, endsAt, roomId),
  ]);
  const name = room.ok ? room.data.name : 'The room';
  const clash = clashes.ok
    ? clashes.data.find((meeting) => meeting.status === 'scheduled')
    : undefined;
  const wanted = `${formatTime(startsAt.toISOString())}–${formatTime(endsAt.toISOString())} UTC`;
  const holder = clash
    ? ` by “${clash.title}” (${formatTime(clash.startsAt)}–${formatTime(clash.endsAt)} UTC)`
    : '';
  return (
    `That slot is taken: ${name} is already booked${holder} on ` +
    `${formatLongDate(utcDay(startsAt))}, overlapping ${wanted}. Pick another time or room.`
  );
}

function capacityMessage(problem: Problem): string {
  const { capacity, participants } = problem.extensions;
  if (typeof capacity === 'number' && typeof participants === 'number') {
    return (
      `Too many people for this room: it seats ${capacity}, but the organizer and ` +
      `${counted(participants - 1, 'attendee')} make ${participants}. ` +
      'Pick a bigger room or invite fewer people.'
    );
  }
  return problem.detail;
}

const notBooked = 'Could not book the room';

export async function createMeeting(_previous: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, fields);
  const attendeeIds = form.getAll('attendeeIds').map(String);
  values.attendeeIds = attendeeIds.join(',');
  const allowed = await authorize('meetings.create');
  if (!allowed.ok) {
    return failed(notBooked, allowed.message, { values });
  }
  const { title = '', roomId = '', date = '', start = '', end = '', organizerId = '' } = values;
  const fieldErrors: Record<string, string> = {};
  if (!isUtcDay(date)) {
    fieldErrors.date = 'is required';
  }
  for (const [name, time] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!/^\d{2}:\d{2}$/.test(time)) {
      fieldErrors[name] = 'is required';
    }
  }
  if (!roomId) {
    fieldErrors.roomId = 'is required';
  }
  if (!organizerId) {
    fieldErrors.organizerId = 'is required';
  }
  if (Object.keys(fieldErrors).length > 0) {
    return failed(notBooked, 'Check the highlighted fields.', { fieldErrors, values });
  }
  const startsAt = new Date(`${date}T${start}:00Z`);
  const endsAt = new Date(`${date}T${end}:00Z`);
  const created = await outcomeOf(
    serviceClient('meetings').POST('/v1/meetings', {
      headers: asOperator(allowed.session),
      body: {
        title,
        roomId,
        organizerId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        attendeeIds,
      },
    }),
  );
  if (!created.ok) {
    const { problem } = created;
    let message = problem.detail;
    if (problem.status === 409) {
      message = await takenMessage(allowed.session, roomId, startsAt, endsAt);
    } else if (problem.status === 422 && 'capacity' in problem.extensions) {
      message = capacityMessage(problem);
    } else if (problem.errors.length > 0) {
      message = `${problem.detail} See the fields below.`;
    }
    return failed(notBooked, message, { fieldErrors: fieldErrorsOf(problem, formField), values });
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'meetings.create', meetingId: created.data.id },
    'change',
  );
  redirect(`/meetings/${created.data.id}?created=1`);
}

export async function recordRsvp(_previous: FormState, form: FormData): Promise<FormState> {
  const id = formText(form, 'meetingId');
  const userId = formText(form, 'userId');
  const response = formText(form, 'response') === 'declined' ? 'declined' : 'accepted';
  const notRecorded = 'Could not record the response';
  const allowed = await authorize('meetings.rsvp');
  if (!allowed.ok) {
    return failed(notRecorded, allowed.message);
  }
  const recorded = await outcomeOf(
    serviceClient('meetings').POST('/v1/meetings/{id}/rsvp', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
      body: { userId, response },
    }),
  );
  revalidatePath(`/meetings/${id}`);
  if (!recorded.ok) {
    return failed(
      notRecorded,
      recorded.problem.status === 409
        ? 'This meeting was cancelled; it takes no responses any more.'
        : recorded.problem.detail,
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'meetings.rsvp', meetingId: id, userId, response },
    'change',
  );
  return { status: 'success', message: `Recorded: ${response}.` };
}

export async function cancelMeeting(_previous: FormState, form: FormData): Promise<FormState> {
  const id = formText(form, 'meetingId');
  const notCancelled = 'Could not cancel the meeting';
  const allowed = await authorize('meetings.cancel');
  if (!allowed.ok) {
    return failed(notCancelled, allowed.message);
  }
  const cancelled = await outcomeOf(
    serviceClient('meetings').POST('/v1/meetings/{id}/cancel', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidatePath(`/meetings/${id}`);
  if (!cancelled.ok) {
    return failed(
      notCancelled,
      cancelled.problem.status === 409
        ? 'Someone cancelled this meeting first.'
        : cancelled.problem.detail,
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'meetings.cancel', meetingId: id },
    'change',
  );
  return {
    status: 'success',
    message: 'The meeting is cancelled and its room is free again.',
  };
}
