import Link from 'next/link';
import type { Meeting } from '@/data/meetings';
import { counted, formatTime } from '@/lib/format';

const hourHeight = 48;

function hourOf(iso: string, day: string): number {
  return (Date.parse(iso) - Date.parse(`${day}T00:00:00Z`)) / 3_600_000;
}

/**
 * One room's day as a timeline: a row per hour (UTC) and each booking placed by its start and
 * end. Working hours are shown; the range widens for bookings outside them.
 */
export function RoomDayView({ day, meetings }: { day: string; meetings: Meeting[] }) {
  const spans = meetings.map((meeting) => ({
    meeting,
    start: Math.max(0, hourOf(meeting.startsAt, day)),
    end: Math.min(24, hourOf(meeting.endsAt, day)),
  }));
  const first = Math.floor(Math.min(7, ...spans.map((s) => s.start)));
  const last = Math.ceil(Math.max(20, ...spans.map((s) => s.end)));
  const hours = Array.from({ length: last - first }, (_, index) => first + index);
  return (
    <div
      className="relative mt-6"
      style={{ height: `${(last - first) * hourHeight}px` }}
      data-testid="room-day-view"
    >
      {hours.map((hour) => (
        <div
          key={hour}
          className="absolute inset-x-0 border-t border-tremor-border dark:border-dark-tremor-border"
          style={{ top: `${(hour - first) * hourHeight}px` }}
        >
          <span className="absolute -top-2.5 left-0 bg-tremor-background pr-2 text-tremor-label tabular-nums text-tremor-content dark:bg-dark-tremor-background dark:text-dark-tremor-content">
            {String(hour).padStart(2, '0')}:00
          </span>
        </div>
      ))}
      {spans.map(({ meeting, start, end }) => {
        const cancelled = meeting.status === 'cancelled';
        return (
          <Link
            key={meeting.id}
            href={`/meetings/${meeting.id}`}
            className={`absolute left-14 right-2 overflow-hidden rounded-tremor-small border-l-4 px-2 py-1 text-tremor-label hover:ring-2 hover:ring-tremor-brand-muted sm:right-4 ${
              cancelled
                ? 'border-gray-400 bg-gray-100 text-gray-500 line-through dark:bg-gray-800 dark:text-gray-400'
                : 'border-blue-500 bg-blue-50 text-blue-900 dark:bg-blue-950 dark:text-blue-100'
            }`}
            style={{
              top: `${(start - first) * hourHeight + 1}px`,
              height: `${Math.max((end - start) * hourHeight - 2, 18)}px`,
            }}
          >
            <span className="font-medium">{meeting.title}</span>{' '}
            <span className="tabular-nums">
              {formatTime(meeting.startsAt)}–{formatTime(meeting.endsAt)}
            </span>
            {cancelled
              ? ' (cancelled)'
              : ` · ${counted(meeting.attendees.length + 1, 'person', 'people')}`}
          </Link>
        );
      })}
    </div>
  );
}
