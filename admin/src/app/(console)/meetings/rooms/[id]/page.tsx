import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { DayNavigation } from '@/components/meetings/day-navigation';
import { RoomDayView } from '@/components/meetings/room-day-view';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { getRoom, listRoomMeetingsBetween } from '@/data/meetings';
import { requireSession } from '@/lib/auth';
import { addDays, isUtcDay, utcDay } from '@/lib/format';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Room' };

export default async function RoomDayPage({
  params,
  searchParams,
}: PageProps<'/meetings/rooms/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const wanted = searchParam(await searchParams, 'date');
  const day = isUtcDay(wanted) ? wanted : utcDay();
  const [room, meetings] = await Promise.all([
    getRoom(session, id),
    listRoomMeetingsBetween(
      session,
      id,
      new Date(`${day}T00:00:00Z`),
      new Date(`${addDays(day, 1)}T00:00:00Z`),
    ),
  ]);
  if (!room.ok) {
    return (
      <>
        <PageHeader title="Room" />
        <ServiceUnavailable service="meetings" problem={room.problem} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={room.data.name}
        description={`Seats ${room.data.capacity}${room.data.location ? ` · ${room.data.location}` : ''}`}
        actions={
          <LinkButton href={`/meetings/new?roomId=${room.data.id}&date=${day}`}>
            Book this room
          </LinkButton>
        }
      />
      <Card>
        <DayNavigation basePath={`/meetings/rooms/${room.data.id}`} day={day} />
        {meetings.ok ? (
          <RoomDayView
            day={day}
            meetings={[...meetings.data].sort(
              (a, b) => (a.status === 'cancelled' ? -1 : 0) - (b.status === 'cancelled' ? -1 : 0),
            )}
          />
        ) : (
          <ServiceUnavailable service="meetings" problem={meetings.problem} />
        )}
      </Card>
    </>
  );
}
