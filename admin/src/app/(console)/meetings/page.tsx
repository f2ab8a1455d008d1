import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { RoomTable } from '@/components/meetings/room-table';
import { UpcomingMeetings } from '@/components/meetings/upcoming-meetings';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listMeetingsBetween, listRooms } from '@/data/meetings';
import { requireSession } from '@/lib/auth';
import { addDays, utcDay } from '@/lib/format';

export const metadata: Metadata = { title: 'Meetings' };

const dayMs = 86_400_000;

export default async function MeetingsPage() {
  await requireSession();
  const now = new Date();
  const today = utcDay(now);
  const [rooms, todays, upcoming] = await Promise.all([
    listRooms(),
    listMeetingsBetween(new Date(`${today}T00:00:00Z`), new Date(`${addDays(today, 1)}T00:00:00Z`)),
    listMeetingsBetween(now, new Date(now.getTime() + 7 * dayMs)),
  ]);
  if (!rooms.ok) {
    return (
      <>
        <PageHeader title="Meetings" />
        <ServiceUnavailable service="meetings" problem={rooms.problem} />
      </>
    );
  }
  const bookingsToday = todays.ok
    ? todays.data
        .filter((meeting) => meeting.status === 'scheduled')
        .reduce(
          (counts, meeting) => counts.set(meeting.roomId, (counts.get(meeting.roomId) ?? 0) + 1),
          new Map<string, number>(),
        )
    : undefined;
  return (
    <>
      <PageHeader
        title="Meetings"
        description="Rooms and their bookings. Open a room to see its day."
        actions={<LinkButton href="/meetings/new">New meeting</LinkButton>}
      />
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <Card className="p-0 xl:col-span-3">
          <RoomTable rooms={rooms.data} bookingsToday={bookingsToday} today={today} />
        </Card>
        <Card className="xl:col-span-2">
          <h2 className="mb-2 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Coming up
          </h2>
          {upcoming.ok ? (
            <UpcomingMeetings
              meetings={upcoming.data
                .filter((meeting) => meeting.status === 'scheduled')
                .slice(0, 12)}
              rooms={new Map(rooms.data.map((room) => [room.id, room]))}
            />
          ) : (
            <ServiceUnavailable service="meetings" problem={upcoming.problem} />
          )}
        </Card>
      </div>
    </>
  );
}
