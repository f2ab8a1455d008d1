import { Badge } from '@tremor/react';
import type { Meeting } from '@/data/meetings';

export function MeetingStatusBadge({ status }: { status: Meeting['status'] }) {
  return status === 'scheduled' ? (
    <Badge color="blue">Scheduled</Badge>
  ) : (
    <Badge color="gray">Cancelled</Badge>
  );
}

export function RsvpBadge({ response }: { response: Meeting['attendees'][number]['response'] }) {
  const color = response === 'accepted' ? 'emerald' : response === 'declined' ? 'rose' : 'amber';
  return <Badge color={color}>{response}</Badge>;
}
