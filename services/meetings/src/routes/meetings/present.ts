import type { DomainEvent } from '@trellis/db';
import type { MeetingRecord } from '../../repository.ts';
import type { Meeting } from './schema.ts';

export function presentMeeting({ meeting, attendees }: MeetingRecord): Meeting {
  return {
    id: meeting.id,
    title: meeting.title,
    organizerId: meeting.organizerId,
    roomId: meeting.roomId,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    status: meeting.status,
    attendees: attendees.map((attendee) => ({
      userId: attendee.userId,
      response: attendee.response,
      respondedAt: attendee.respondedAt?.toISOString() ?? null,
    })),
    version: meeting.version,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    cancelledAt: meeting.cancelledAt?.toISOString() ?? null,
  };
}

export function meetingEvent(
  eventType: string,
  headers: Record<string, string>,
  extra: Record<string, unknown> = {},
) {
  return (record: MeetingRecord): DomainEvent => ({
    aggregateType: 'meeting',
    aggregateId: record.meeting.id,
    eventType,
    payload: { meeting: presentMeeting(record), ...extra },
    headers,
  });
}
