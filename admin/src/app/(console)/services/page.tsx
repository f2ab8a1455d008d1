import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { InstanceTable } from '@/components/services/instance-table';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { probeServices } from '@/data/platform';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage() {
  await requireSession();
  const probes = await probeServices();
  return (
    <>
      <PageHeader
        title="Services"
        description="Each service and its instances, with their health and their API contract."
        actions={<AutoRefresh everyMs={10_000} renderedAt={new Date().toISOString()} />}
      />
      <Card className="p-0">
        <InstanceTable probes={probes} />
      </Card>
    </>
  );
}
