import { initialMeetingStatus, meetingActionsFrom } from '@trellis/meetings/lifecycle';
import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { AttendeeTable } from '@/components/meetings/attendee-table';
import { CancelMeeting } from '@/components/meetings/cancel-meeting';
import { MeetingDetails } from '@/components/meetings/meeting-details';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { getMeeting, getRoom } from '@/data/meetings';
import { lookupUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Meeting' };

export default async function MeetingPage({ params, searchParams }: PageProps<'/meetings/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const created = searchParam(await searchParams, 'created') === '1';
  const meeting = await getMeeting(session, id);
  if (!meeting.ok) {
    return (
      <>
        <PageHeader title="Meeting" />
        <ServiceUnavailable service="meetings" problem={meeting.problem} />
      </>
    );
  }
  const [room, people] = await Promise.all([
    getRoom(session, meeting.data.roomId),
    lookupUsers(session, [
      meeting.data.organizerId,
      ...meeting.data.attendees.map((a) => a.userId),
    ]),
  ]);
  return (
    <>
      <PageHeader title={meeting.data.title} />
      {created && meeting.data.status === initialMeetingStatus ? (
        <PageNotice
          title="Room booked"
          message="The meeting is scheduled and its attendees are invited."
        />
      ) : null}
      <div className="grid items-start gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <MeetingDetails
            meeting={meeting.data}
            room={room.ok ? room.data : undefined}
            organizer={people.get(meeting.data.organizerId)}
          />
          <Card className="p-0">
            <h2 className="px-4 pt-4 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
              Attendees
            </h2>
            <AttendeeTable meeting={meeting.data} people={people} />
          </Card>
        </div>
        <Card>
          <h2 className="mb-3 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Booking
          </h2>
          <CancelMeeting
            meetingId={meeting.data.id}
            cancellable={meetingActionsFrom(meeting.data.status).includes('cancel')}
          />
        </Card>
      </div>
    </>
  );
}
