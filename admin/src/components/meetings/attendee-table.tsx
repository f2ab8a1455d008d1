import { takesResponses } from '@trellis/meetings/lifecycle';
import { TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { Meeting } from '@/data/meetings';
import type { User } from '@/data/users';
import { formatDateTime } from '@/lib/format';
import { RsvpBadge } from './meeting-status-badge';
import { RsvpForm } from './rsvp-form';

export function AttendeeTable({
  meeting,
  people,
}: {
  meeting: Meeting;
  people: Map<string, User>;
}) {
  if (meeting.attendees.length === 0) {
    return (
      <p className="p-4 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Only the organizer attends.
      </p>
    );
  }
  const open = takesResponses(meeting.status);
  return (
    <DataTable
      columns={open ? ['Attendee', 'Response', 'Record a response'] : ['Attendee', 'Response']}
    >
      {meeting.attendees.map((attendee) => {
        const person = people.get(attendee.userId);
        const name = person?.name ?? attendee.userId;
        return (
          <TableRow key={attendee.userId}>
            <TableCell>
              <span className="block text-tremor-content-strong dark:text-dark-tremor-content-strong">
                {name}
              </span>
              <span className="block text-tremor-label">{person?.email}</span>
            </TableCell>
            <TableCell>
              <RsvpBadge response={attendee.response} />
              {attendee.respondedAt ? (
                <span className="ml-2 text-tremor-label">
                  {formatDateTime(attendee.respondedAt)}
                </span>
              ) : null}
            </TableCell>
            {open ? (
              <TableCell>
                <RsvpForm
                  meetingId={meeting.id}
                  userId={attendee.userId}
                  name={name}
                  response={attendee.response}
                />
              </TableCell>
            ) : null}
          </TableRow>
        );
      })}
    </DataTable>
  );
}
