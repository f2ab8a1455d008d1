import { Badge, Card } from '@tremor/react';
import type { Metadata } from 'next';
import { NamespaceServices } from '@/components/config/namespace-services';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { configOverview } from '@/data/config';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Config' };

export default async function ConfigPage() {
  const session = await requireSession();
  const overview = await configOverview(session);
  return (
    <>
      <PageHeader
        title="Config"
        description="Typed, versioned configuration of each service in each namespace: edit a draft, review the diff, publish, roll back."
      />
      {overview.ok ? (
        <div className="space-y-8">
          {overview.data.map(({ namespace, services }) => (
            <section key={namespace.name} aria-labelledby={`namespace-${namespace.name}`}>
              <div className="mb-3 flex flex-wrap items-center gap-2">
                <h2
                  id={`namespace-${namespace.name}`}
                  className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong"
                >
                  {namespace.name}
                </h2>
                {namespace.protected ? (
                  <Badge color="amber">Protected: changes need a second admin</Badge>
                ) : null}
                <span className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
                  {namespace.description}
                </span>
              </div>
              {services.ok ? (
                <Card className="p-0">
                  <NamespaceServices namespace={namespace.name} services={services.data} />
                </Card>
              ) : (
                <ServiceUnavailable service="config" problem={services.problem} />
              )}
            </section>
          ))}
        </div>
      ) : (
        <ServiceUnavailable service="config" problem={overview.problem} />
      )}
    </>
  );
}
