import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { SubscriptionCharts } from '@/components/messaging/subscription-charts';
import { SubscriptionTable } from '@/components/messaging/subscription-table';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listSubscriptions } from '@/data/messaging';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Subscriptions · Messaging' };

export default async function SubscriptionsPage() {
  const session = await requireSession();
  const subscriptions = await listSubscriptions(session);
  return (
    <>
      <Section id="subscriptions" title="Subscriptions">
        <div className="mb-3">
          <AutoRefresh everyMs={5000} renderedAt={new Date().toISOString()} />
        </div>
        {!subscriptions.ok ? (
          <ServiceUnavailable service="messaging" problem={subscriptions.problem} />
        ) : subscriptions.data.items.length === 0 ? (
          <Card>
            <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
              No service has subscribed to a topic yet.
            </p>
          </Card>
        ) : (
          <Card className="p-0">
            <SubscriptionTable subscriptions={subscriptions.data.items} />
          </Card>
        )}
      </Section>
      {subscriptions.ok && subscriptions.data.items.length > 0 ? (
        <Section id="charts" title="Live">
          <div className="space-y-4">
            {subscriptions.data.items.map((subscription) => (
              <SubscriptionCharts
                key={subscription.id}
                id={subscription.id}
                trend={subscriptions.data.trends.get(subscription.id) ?? []}
              />
            ))}
          </div>
        </Section>
      ) : null}
    </>
  );
}
