import Link from 'next/link';
import type { Meeting, Room } from '@/data/meetings';
import { formatDate, formatTime } from '@/lib/format';

export function UpcomingMeetings({
  meetings,
  rooms,
}: {
  meetings: Meeting[];
  rooms: Map<string, Room>;
}) {
  if (meetings.length === 0) {
    return (
      <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Nothing booked in the next seven days.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
      {meetings.map((meeting) => (
        <li key={meeting.id} className="py-2">
          <Link
            href={`/meetings/${meeting.id}`}
            className="block text-tremor-default font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong"
          >
            {meeting.title}
          </Link>
          <span className="block text-tremor-label tabular-nums text-tremor-content dark:text-dark-tremor-content">
            {formatDate(meeting.startsAt)} {formatTime(meeting.startsAt)}–
            {formatTime(meeting.endsAt)} · {rooms.get(meeting.roomId)?.name ?? 'room'}
          </span>
        </li>
      ))}
    </ul>
  );
}
