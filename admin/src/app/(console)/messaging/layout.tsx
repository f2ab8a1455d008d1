import type { ReactNode } from 'react';
import { MessagingTabs } from '@/components/messaging/messaging-tabs';
import { PageHeader } from '@/components/ui/page-header';

const description =
  'Topics written to the outbox, the subscriptions that take them, the events they gave up on, ' +
  'webhook deliveries to outside consumers, and the trace of each event.';

export default function MessagingLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Messaging" description={description} />
      <MessagingTabs />
      {children}
    </>
  );
}
