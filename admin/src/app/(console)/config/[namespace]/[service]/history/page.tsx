import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { CompareForm } from '@/components/config/compare-form';
import {
  ConfigServiceHeader,
  ConfigServiceUnavailable,
} from '@/components/config/config-service-header';
import { DiffTable } from '@/components/config/diff-table';
import { ReleaseTable } from '@/components/config/release-table';
import { RollbackForm } from '@/components/config/rollback-form';
import { PagedCard } from '@/components/ui/pager';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { diffReleases, listReleases, serviceContext } from '@/data/config';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Config history' };

const headingClass =
  'mb-4 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong';

function revisionParam(value: string | undefined, minimum: number): number | undefined {
  const number = Number(value);
  return value !== undefined && Number.isInteger(number) && number >= minimum ? number : undefined;
}

export default async function ConfigHistoryPage({
  params,
  searchParams,
}: PageProps<'/config/[namespace]/[service]/history'>) {
  const session = await requireSession();
  const target = await params;
  const query = await searchParams;
  const cursor = searchParam(query, 'cursor');
  const [context, page] = await Promise.all([
    serviceContext(session, target),
    listReleases(session, target, { cursor }),
  ]);
  if (!context.ok || !page.ok) {
    return <ConfigServiceUnavailable target={target} reads={[context, page]} />;
  }
  const releases = page.data.items;
  const latest = context.data.state?.latestRevision ?? 0;
  const liveRevision = context.data.state?.liveRevision ?? null;
  const to = revisionParam(searchParam(query, 'to'), 1) ?? (latest > 0 ? latest : undefined);
  const from = revisionParam(searchParam(query, 'from'), 0) ?? (to ? to - 1 : 0);
  const diff = to ? await diffReleases(session, target, from, to) : undefined;
  const revisions = Array.from({ length: latest }, (_, index) => latest - index);
  const base = `/config/${target.namespace}/${target.service}/history`;
  return (
    <>
      <ConfigServiceHeader target={target} context={context.data} current="History" />
      {releases.length === 0 && !cursor ? (
        <Card>
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            Nothing has been published to {target.service} in {target.namespace} yet.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          <div className="grid items-start gap-6 xl:grid-cols-5">
            <Card className="xl:col-span-3" data-testid="release-diff">
              <h2 className={headingClass}>
                {to ? `Revision ${from || 'nothing'} → revision ${to}` : 'Compare releases'}
              </h2>
              <CompareForm action={base} revisions={revisions} from={from} to={to ?? 1} />
              <div className="mt-4">
                {diff?.ok ? (
                  <DiffTable
                    changes={diff.data.changes}
                    empty="The two releases hold the same values."
                  />
                ) : diff ? (
                  <ServiceUnavailable service="config" problem={diff.problem} />
                ) : null}
              </div>
            </Card>
            <Card className="xl:col-span-2">
              <h2 className={headingClass}>Roll back</h2>
              {may(session.role, 'config.edit') ? (
                <RollbackForm
                  namespace={target.namespace}
                  service={target.service}
                  revisions={revisions.filter((revision) => revision !== liveRevision)}
                  isProtected={context.data.namespace.protected}
                />
              ) : (
                <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
                  Your role may not roll back config.
                </p>
              )}
            </Card>
          </div>
          <section aria-labelledby="releases">
            <h2 id="releases" className={headingClass}>
              Releases
            </h2>
            <PagedCard basePath={base} cursor={cursor} page={page.data}>
              <ReleaseTable target={target} releases={releases} liveRevision={liveRevision} />
            </PagedCard>
          </section>
        </div>
      )}
    </>
  );
}
