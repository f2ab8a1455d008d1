import { FilterForm, FilterSelect } from '@/components/ui/filter-form';
import type { DeadLetterQuery, DeadLetterStatus } from '@/data/messaging';

/** Filters by subscription, topic and status, kept in the URL. */
export function DeadLetterFilters({
  query,
  subscriptions,
  topics,
  statuses,
}: {
  query: DeadLetterQuery;
  subscriptions: readonly string[];
  topics: readonly string[];
  statuses: readonly DeadLetterStatus[];
}) {
  const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return (
    <FilterForm action="/messaging/dead-letters" label="Filter dead letters">
      <FilterSelect
        name="subscription"
        label="Subscription"
        value={query.subscription}
        options={options(subscriptions)}
      />
      <FilterSelect name="topic" label="Topic" value={query.topic} options={options(topics)} />
      <FilterSelect name="status" label="Status" value={query.status} options={options(statuses)} />
    </FilterForm>
  );
}
