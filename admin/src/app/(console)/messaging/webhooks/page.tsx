import type { Metadata } from 'next';
import { WebhookEndpointTable } from '@/components/messaging/webhook-endpoint-table';
import { PageNotice } from '@/components/ui/form-message';
import { PagedCard } from '@/components/ui/pager';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listWebhookEndpoints } from '@/data/messaging';
import { lookupUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Webhooks · Messaging' };

export default async function WebhooksPage({ searchParams }: PageProps<'/messaging/webhooks'>) {
  const session = await requireSession();
  const params = await searchParams;
  const cursor = searchParam(params, 'cursor');
  const deleted = searchParam(params, 'deleted');
  const page = await listWebhookEndpoints(session, { cursor });
  const owners = page.ok
    ? await lookupUsers(
        session,
        page.data.items.map((endpoint) => endpoint.ownerId),
      )
    : new Map();
  const mayManage = may(session.role, 'messaging.webhooks.manage');
  return (
    <Section
      id="webhooks"
      title="Webhook endpoints"
      description={
        mayManage
          ? 'Every user’s endpoints, newest first. Open one for its delivery log, to replay a delivery, or to enable, disable or delete it.'
          : 'Every user’s endpoints, newest first. Open one for its delivery log; only admins may replay deliveries or change endpoints.'
      }
    >
      {deleted ? (
        <PageNotice
          title="Deleted"
          message={`Endpoint ${deleted} and its delivery log are gone.`}
        />
      ) : null}
      {page.ok ? (
        <PagedCard basePath="/messaging/webhooks" cursor={cursor} page={page.data}>
          <WebhookEndpointTable endpoints={page.data.items} owners={owners} />
        </PagedCard>
      ) : (
        <ServiceUnavailable service="messaging" problem={page.problem} />
      )}
    </Section>
  );
}
