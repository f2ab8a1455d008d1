import { Callout } from '@tremor/react';
import type { Metadata } from 'next';
import { Section } from '@/components/ui/section';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Webhooks · Messaging' };

// The webhook endpoint routes exist (services/messaging/src/webhooks/routes) but the messaging
// service does not mount them yet, so its contract and the typed client have none to call.
export default async function WebhooksPage() {
  await requireSession();
  return (
    <Section id="webhooks" title="Webhook endpoints">
      <Callout title="Not served yet" color="amber">
        The messaging service does not serve its webhook endpoint routes yet; the endpoints, their
        delivery log and replay appear here once it does.
      </Callout>
    </Section>
  );
}
