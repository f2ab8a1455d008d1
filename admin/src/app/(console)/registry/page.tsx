import { Callout } from '@tremor/react';
import type { Metadata } from 'next';
import { RegistryInstances } from '@/components/registry/registry-instances';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { registryOverview } from '@/data/registry';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Instances' };

export default async function RegistryPage() {
  const session = await requireSession();
  const overview = await registryOverview(session);
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Instances"
        description="What is registered in the service registry: each instance's health, version, labels, weight, last heartbeat and the config revision it applied."
        actions={<AutoRefresh everyMs={5000} renderedAt={new Date(now).toISOString()} />}
      />
      {!overview.ok ? (
        <ServiceUnavailable service="config" problem={overview.problem} />
      ) : overview.data.length === 0 ? (
        <Callout title="Nothing registered" color="gray">
          No instance has registered recently. Services register when they start, and leave when
          they stop or their heartbeats lapse.
        </Callout>
      ) : (
        <div className="space-y-8">
          {overview.data.map((service) => (
            <RegistryInstances key={service.service} service={service} now={now} />
          ))}
        </div>
      )}
    </>
  );
}
