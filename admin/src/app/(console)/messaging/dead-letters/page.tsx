import type { Metadata } from 'next';
import { DeadLetterFilters } from '@/components/messaging/dead-letter-filters';
import { DeadLetterTable } from '@/components/messaging/dead-letter-table';
import { ReplayFiltered } from '@/components/messaging/replay-filtered';
import { PagedCard } from '@/components/ui/pager';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import {
  deadLetterStatuses,
  listDeadLetters,
  listSubscriptions,
  listTopics,
} from '@/data/messaging';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Dead letters · Messaging' };

export default async function DeadLettersPage({
  searchParams,
}: PageProps<'/messaging/dead-letters'>) {
  const session = await requireSession();
  const params = await searchParams;
  const query = {
    subscription: searchParam(params, 'subscription'),
    topic: searchParam(params, 'topic'),
    status: searchParam(params, 'status', deadLetterStatuses),
    cursor: searchParam(params, 'cursor'),
  };
  const [page, subscriptions, topics] = await Promise.all([
    listDeadLetters(session, query),
    listSubscriptions(session),
    listTopics(session),
  ]);
  const mayManage = may(session.role, 'messaging.deadLetters.manage');
  const subscriptionIds = subscriptions.ok ? subscriptions.data.items.map((each) => each.id) : [];
  const topicNames = [
    ...new Set([
      ...(topics.ok ? topics.data.map((topic) => topic.name) : []),
      ...(subscriptions.ok ? subscriptions.data.items.map((each) => each.topic) : []),
    ]),
  ].sort();
  const waiting = subscriptions.ok
    ? subscriptions.data.items
        .filter((each) => !query.subscription || each.id === query.subscription)
        .filter((each) => !query.topic || each.topic === query.topic)
        .reduce((total, each) => total + each.deadLetters, 0)
    : 0;
  return (
    <Section
      id="dead-letters"
      title="Dead letters"
      description={
        mayManage
          ? 'Events a subscription gave up on after its attempts. Open one to inspect it, replay it, edit and resend it, or discard it.'
          : 'Events a subscription gave up on after its attempts. Only admins may replay, edit or discard them.'
      }
    >
      <DeadLetterFilters
        query={query}
        subscriptions={subscriptionIds}
        topics={topicNames}
        statuses={deadLetterStatuses}
      />
      {mayManage && query.status !== 'replayed' && query.status !== 'discarded' ? (
        <ReplayFiltered subscription={query.subscription} topic={query.topic} waiting={waiting} />
      ) : null}
      {page.ok ? (
        <PagedCard
          basePath="/messaging/dead-letters"
          query={{ subscription: query.subscription, topic: query.topic, status: query.status }}
          cursor={query.cursor}
          page={page.data}
        >
          <DeadLetterTable deadLetters={page.data.items} />
        </PagedCard>
      ) : (
        <ServiceUnavailable service="messaging" problem={page.problem} />
      )}
    </Section>
  );
}
