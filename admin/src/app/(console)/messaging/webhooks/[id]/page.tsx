import { Callout } from '@tremor/react';
import type { Metadata } from 'next';
import { WebhookDeliveryLog } from '@/components/messaging/webhook-delivery-log';
import { WebhookEndpointActions } from '@/components/messaging/webhook-endpoint-actions';
import { WebhookEndpointFacts } from '@/components/messaging/webhook-endpoint-facts';
import { PagedCard } from '@/components/ui/pager';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import {
  getWebhookEndpoint,
  listWebhookDeliveries,
  webhookDeliveryStatuses,
} from '@/data/messaging';
import { getUser } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { webhookEndpointPath } from '@/lib/messaging';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Webhook endpoint · Messaging' };

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: PageProps<'/messaging/webhooks/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const query = await searchParams;
  const cursor = searchParam(query, 'cursor');
  const status = searchParam(query, 'status', webhookDeliveryStatuses);
  const [endpoint, deliveries] = await Promise.all([
    getWebhookEndpoint(session, id),
    listWebhookDeliveries(session, id, { cursor, status }),
  ]);
  if (!endpoint.ok) {
    return <ServiceUnavailable service="messaging" problem={endpoint.problem} />;
  }
  const owner = await getUser(session, endpoint.data.ownerId);
  const mayManage = may(session.role, 'messaging.webhooks.manage');
  const enabled = endpoint.data.status === 'enabled';
  return (
    <>
      <Section id="endpoint" title="Webhook endpoint">
        <WebhookEndpointFacts
          endpoint={endpoint.data}
          owner={owner.ok ? owner.data.email : undefined}
        />
      </Section>
      <Section id="actions" title="Actions">
        {mayManage ? (
          <WebhookEndpointActions endpoint={endpoint.data} />
        ) : (
          <div role="alert" data-testid="admin-only">
            <Callout title="For admins only" color="amber">
              Only admins (and the endpoint’s owner, through the API) may replay deliveries or
              enable, disable or delete an endpoint.
            </Callout>
          </div>
        )}
      </Section>
      <Section
        id="deliveries"
        title="Delivery log"
        description={
          mayManage && !enabled
            ? 'Newest first. Enable the endpoint to replay a delivery.'
            : 'Newest first: each event sent here, with every attempt’s answer and latency.'
        }
      >
        {deliveries.ok ? (
          <PagedCard
            basePath={webhookEndpointPath(id)}
            query={{ status }}
            cursor={cursor}
            page={deliveries.data}
          >
            <WebhookDeliveryLog
              deliveries={deliveries.data.items}
              mayReplay={mayManage && enabled}
            />
          </PagedCard>
        ) : (
          <ServiceUnavailable service="messaging" problem={deliveries.problem} />
        )}
      </Section>
    </>
  );
}
