import type { Metadata } from 'next';
import { ServiceCard } from '@/components/overview/service-card';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { probeServices } from '@/data/platform';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requireSession();
  const probes = await probeServices();
  return (
    <>
      <PageHeader
        title="Overview"
        description="Each service's health and request figures, read from its /readyz, /healthz and /metrics."
        actions={<AutoRefresh everyMs={5000} renderedAt={new Date().toISOString()} />}
      />
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        {probes.map((probe) => (
          <ServiceCard key={probe.name} probe={probe} />
        ))}
      </div>
    </>
  );
}
