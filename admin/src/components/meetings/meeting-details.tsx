import Link from 'next/link';
import { DetailList, DetailRow } from '@/components/ui/detail-list';
import type { Meeting, Room } from '@/data/meetings';
import type { User } from '@/data/users';
import { formatDateTime, formatLongDate, formatTime, utcDay } from '@/lib/format';
import { MeetingStatusBadge } from './meeting-status-badge';

export function MeetingDetails({
  meeting,
  room,
  organizer,
}: {
  meeting: Meeting;
  room: Room | undefined;
  organizer: User | undefined;
}) {
  const day = utcDay(new Date(meeting.startsAt));
  return (
    <DetailList>
      <DetailRow label="Status">
        <MeetingStatusBadge status={meeting.status} />
      </DetailRow>
      <DetailRow label="When">
        {formatLongDate(day)}, {formatTime(meeting.startsAt)}–{formatTime(meeting.endsAt)} UTC
      </DetailRow>
      <DetailRow label="Room">
        <Link href={`/meetings/rooms/${meeting.roomId}?date=${day}`} className="hover:underline">
          {room ? `${room.name} (seats ${room.capacity})` : meeting.roomId}
        </Link>
      </DetailRow>
      <DetailRow label="Organizer">
        {organizer ? (
          <Link href={`/users/${organizer.id}`} className="hover:underline">
            {organizer.name} ({organizer.email})
          </Link>
        ) : (
          meeting.organizerId
        )}
      </DetailRow>
      <DetailRow label="Booked">{formatDateTime(meeting.createdAt)}</DetailRow>
      {meeting.cancelledAt ? (
        <DetailRow label="Cancelled">{formatDateTime(meeting.cancelledAt)}</DetailRow>
      ) : null}
    </DetailList>
  );
}
