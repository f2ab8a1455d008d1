import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { MeetingCreateForm } from '@/components/meetings/meeting-create-form';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listRooms } from '@/data/meetings';
import { listActiveUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { isUtcDay, utcDay } from '@/lib/format';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'New meeting' };

export default async function NewMeetingPage({ searchParams }: PageProps<'/meetings/new'>) {
  const session = await requireSession();
  const params = await searchParams;
  const date = searchParam(params, 'date');
  const [rooms, people] = await Promise.all([listRooms(session), listActiveUsers(session)]);
  if (!rooms.ok || !people.ok) {
    return (
      <>
        <PageHeader title="New meeting" />
        {rooms.ok ? null : <ServiceUnavailable service="meetings" problem={rooms.problem} />}
        {people.ok ? null : <ServiceUnavailable service="users" problem={people.problem} />}
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="New meeting"
        description="Books a room; the meetings service refuses a taken slot or too many people."
      />
      <Card className="max-w-3xl">
        <MeetingCreateForm
          rooms={rooms.data.map(({ id, name, capacity }) => ({ id, name, capacity }))}
          people={people.data.map(({ id, name, email }) => ({ id, name, email }))}
          defaults={{
            roomId: searchParam(params, 'roomId'),
            date: isUtcDay(date) ? date : utcDay(),
            organizerId: people.data.some((person) => person.id === session.userId)
              ? session.userId
              : undefined,
          }}
        />
      </Card>
    </>
  );
}
