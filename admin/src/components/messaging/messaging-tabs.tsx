'use client';

import { usePathname } from 'next/navigation';
import { UnderlineTabs } from '@/components/ui/nav-tabs';

const views = [
  { href: '/messaging/subscriptions', label: 'Subscriptions' },
  { href: '/messaging/dead-letters', label: 'Dead letters' },
  { href: '/messaging/topics', label: 'Topics' },
  { href: '/messaging/webhooks', label: 'Webhooks' },
  { href: '/messaging/trace', label: 'Trace' },
] as const;

export function MessagingTabs() {
  const pathname = usePathname();
  return (
    <UnderlineTabs
      label="Messaging"
      items={views.map((view) => ({
        ...view,
        current: pathname === view.href || pathname.startsWith(`${view.href}/`),
      }))}
    />
  );
}
