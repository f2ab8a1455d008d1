import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { AuditTable } from '@/components/config/audit-table';
import { ConfigServiceHeader } from '@/components/config/config-service-header';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
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
    const problem = context.ok ? (page.ok ? undefined : page.problem) : context.problem;
    return (
      <>
        <PageHeader title={`${target.service} in ${target.namespace}`} />
        {problem ? <ServiceUnavailable service="config" problem={problem} /> : null}
      </>
    );
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
        <>
          <Card className="p-0">
            <AuditTable entries={page.data.items} />
          </Card>
          <Pager
            basePath={`/config/${target.namespace}/${target.service}/audit`}
            query={{}}
            cursor={cursor}
            nextCursor={page.data.nextCursor}
            shown={page.data.items.length}
          />
        </>
      )}
    </>
  );
}
