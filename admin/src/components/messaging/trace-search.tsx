import { FilterForm, FilterInput } from '@/components/ui/filter-form';
import type { TraceQuery } from '@/data/messaging';

/** Find events by id, or by key or topic within a time range (UTC, ISO 8601). */
export function TraceSearch({ query }: { query: TraceQuery }) {
  return (
    <FilterForm action="/messaging/trace" label="Search the message trace" submit="Search">
      <FilterInput
        name="eventId"
        label="Event id"
        defaultValue={query.eventId}
        placeholder="evt_…"
      />
      <FilterInput name="key" label="Key" defaultValue={query.key} placeholder="ord_…" />
      <FilterInput name="topic" label="Topic" defaultValue={query.topic} placeholder="order.paid" />
      <FilterInput
        name="from"
        label="From (UTC)"
        defaultValue={query.from}
        placeholder="2026-11-26T09:00:00Z"
      />
      <FilterInput name="to" label="To (UTC)" defaultValue={query.to} placeholder="now" />
    </FilterForm>
  );
}
