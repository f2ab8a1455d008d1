import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { AuditTable } from '@/components/config/audit-table';
import {
  ConfigServiceHeader,
  ConfigServiceUnavailable,
} from '@/components/config/config-service-header';
import { PagedCard } from '@/components/ui/pager';
import { listAudit, serviceContext } from '@/data/config';
import { requireSession } from '@/lib/auth';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Config audit' };

export default async function ConfigAuditPage({
  params,
  searchParams,
}: PageProps<'/config/[namespace]/[service]/audit'>) {
  const session = await requireSession();
  const target = await params;
  const cursor = searchParam(await searchParams, 'cursor');
  const [context, page] = await Promise.all([
    serviceContext(session, target),
    listAudit(session, target, cursor),
  ]);
  if (!context.ok || !page.ok) {
    return <ConfigServiceUnavailable target={target} reads={[context, page]} />;
  }
  return (
    <>
      <ConfigServiceHeader target={target} context={context.data} current="Audit" />
      {page.data.items.length === 0 && !cursor ? (
        <Card>
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            Nobody has changed {target.service} in {target.namespace} yet.
          </p>
        </Card>
      ) : (
        <PagedCard
          basePath={`/config/${target.namespace}/${target.service}/audit`}
          cursor={cursor}
          page={page.data}
        >
          <AuditTable entries={page.data.items} />
        </PagedCard>
      )}
    </>
  );
}
