import { Callout, Card } from '@tremor/react';
import type { Metadata } from 'next';
import { InstanceTable } from '@/components/services/instance-table';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { serviceInstances } from '@/data/instances';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage() {
  const session = await requireSession();
  const { rows, registryProblem } = await serviceInstances(session);
  return (
    <>
      <PageHeader
        title="Services"
        description="Each service and its instances — the registered ones, else the URL the console is configured with — with their health and their API contract."
        actions={<AutoRefresh everyMs={10_000} renderedAt={new Date().toISOString()} />}
      />
      {registryProblem ? (
        <div className="mb-4" role="status">
          <Callout title="The registry is not answering" color="amber">
            Showing each service at the URL the console is configured with. {registryProblem.detail}
          </Callout>
        </div>
      ) : null}
      <Card className="p-0">
        <InstanceTable rows={rows} />
      </Card>
    </>
  );
}
