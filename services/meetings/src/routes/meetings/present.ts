import { publish, type TopicPayload } from '@trellis/kit';
import type { MeetingEvent, MeetingRecord } from '../../repository.ts';
import type { MeetingTopic } from '../../topics.ts';
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

/** Publishes `topic` about the meeting, with `extra` beside it, on the change's transaction. */
export function meetingEvent<T extends MeetingTopic>(
  topic: T,
  extra: Omit<TopicPayload<T>, 'meeting'>,
): MeetingEvent {
  // TypeScript cannot see that `meeting` plus the rest of T's payload is T's payload.
  return (tx, record) =>
    publish(tx, topic, { meeting: presentMeeting(record), ...extra } as TopicPayload<T>);
}
