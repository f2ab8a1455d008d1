import type { Metadata } from 'next';
import { TraceResults } from '@/components/messaging/trace-results';
import { TraceSearch } from '@/components/messaging/trace-search';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { searchTrace } from '@/data/messaging';
import { requireSession } from '@/lib/auth';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Trace · Messaging' };

export default async function TracePage({ searchParams }: PageProps<'/messaging/trace'>) {
  const session = await requireSession();
  const params = await searchParams;
  const query = {
    eventId: searchParam(params, 'eventId'),
    key: searchParam(params, 'key'),
    topic: searchParam(params, 'topic'),
    from: searchParam(params, 'from'),
    to: searchParam(params, 'to'),
  };
  const asked = Object.values(query).some(Boolean);
  const events = asked ? await searchTrace(session, query) : undefined;
  return (
    <Section
      id="trace"
      title="Message trace"
      description="An event's life: committed, relayed, and each subscription's attempts with outcome, duration and error. Search by event id, or by key or topic within a time range (the last hour by default)."
    >
      <TraceSearch query={query} />
      {events === undefined ? null : events.ok ? (
        <TraceResults events={events.data} />
      ) : (
        <ServiceUnavailable service="messaging" problem={events.problem} />
      )}
    </Section>
  );
}
