import { Card } from '@tremor/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Meeting, Room } from '@/data/meetings';
import type { User } from '@/data/users';
import { formatDateTime, formatLongDate, formatTime, utcDay } from '@/lib/format';
import { MeetingStatusBadge } from './meeting-status-badge';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {label}
      </dt>
      <dd className="col-span-2 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {children}
      </dd>
    </div>
  );
}

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
    <Card>
      <dl className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
        <Row label="Status">
          <MeetingStatusBadge status={meeting.status} />
        </Row>
        <Row label="When">
          {formatLongDate(day)}, {formatTime(meeting.startsAt)}–{formatTime(meeting.endsAt)} UTC
        </Row>
        <Row label="Room">
          <Link href={`/meetings/rooms/${meeting.roomId}?date=${day}`} className="hover:underline">
            {room ? `${room.name} (seats ${room.capacity})` : meeting.roomId}
          </Link>
        </Row>
        <Row label="Organizer">
          {organizer ? (
            <Link href={`/users/${organizer.id}`} className="hover:underline">
              {organizer.name} ({organizer.email})
            </Link>
          ) : (
            meeting.organizerId
          )}
        </Row>
        <Row label="Booked">{formatDateTime(meeting.createdAt)}</Row>
        {meeting.cancelledAt ? (
          <Row label="Cancelled">{formatDateTime(meeting.cancelledAt)}</Row>
        ) : null}
      </dl>
    </Card>
  );
}
