import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { RoomTable } from '@/components/meetings/room-table';
import { UpcomingMeetings } from '@/components/meetings/upcoming-meetings';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { countRoomBookings, listMeetingsBetween, listRooms } from '@/data/meetings';
import { requireSession } from '@/lib/auth';
import { utcDay } from '@/lib/format';

export const metadata: Metadata = { title: 'Meetings' };

const dayMs = 86_400_000;

export default async function MeetingsPage() {
  const session = await requireSession();
  const now = new Date();
  const today = utcDay(now);
  const [rooms, bookingsToday, upcoming] = await Promise.all([
    listRooms(session),
    countRoomBookings(session, today),
    listMeetingsBetween(session, now, new Date(now.getTime() + 7 * dayMs), undefined, 'scheduled'),
  ]);
  if (!rooms.ok) {
    return (
      <>
        <PageHeader title="Meetings" />
        <ServiceUnavailable service="meetings" problem={rooms.problem} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Meetings"
        description="Rooms and their bookings. Open a room to see its day."
        actions={<LinkButton href="/meetings/new">New meeting</LinkButton>}
      />
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <Card className="p-0 xl:col-span-3">
          <RoomTable
            rooms={rooms.data}
            bookingsToday={bookingsToday.ok ? bookingsToday.data : undefined}
            today={today}
          />
        </Card>
        <Card className="xl:col-span-2">
          <h2 className="mb-2 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Coming up
          </h2>
          {upcoming.ok ? (
            <UpcomingMeetings
              meetings={upcoming.data.slice(0, 12)}
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
