import { Badge } from '@tremor/react';
import Link from 'next/link';
import { PillLinks, UnderlineTabs } from '@/components/ui/nav-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import type { ConfigTarget, ServiceContext } from '@/data/config';
import type { Outcome } from '@/lib/problem';

const tabs = [
  { segment: '', label: 'Draft' },
  { segment: '/history', label: 'History' },
  { segment: '/audit', label: 'Audit' },
] as const;

export type ConfigTab = (typeof tabs)[number]['label'];

/** Title, state and tabs of a namespace × service; the other namespaces one click away. */
export function ConfigServiceHeader({
  target,
  context,
  current,
}: {
  target: ConfigTarget;
  context: ServiceContext;
  current: ConfigTab;
}) {
  const { namespace, state, namespaces } = context;
  const base = `/config/${target.namespace}/${target.service}`;
  const tab = tabs.find((each) => each.label === current)?.segment ?? '';
  return (
    <>
      <p className="mb-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        <Link href="/config" className="hover:underline">
          Config
        </Link>{' '}
        / {target.namespace} / {target.service}
      </p>
      <PageHeader
        title={`${target.service} in ${target.namespace}`}
        description={
          <span className="flex flex-wrap items-center gap-2" data-testid="config-state">
            <span>
              {state?.liveRevision
                ? `Live revision ${state.liveRevision}`
                : 'Nothing published yet: instances run the schema defaults'}
            </span>
            {namespace.protected ? <Badge color="amber">Protected</Badge> : null}
            {state?.gray ? <Badge color="violet">Gray r{state.gray.revision}</Badge> : null}
            {state?.pendingChangeRequests ? (
              <Badge color="amber">{state.pendingChangeRequests} waiting for approval</Badge>
            ) : null}
          </span>
        }
        actions={
          <PillLinks
            label="Namespaces"
            items={namespaces.map((each) => ({
              href: `/config/${each.name}/${target.service}${tab}`,
              label: each.name,
              current: each.name === target.namespace,
            }))}
          />
        }
      />
      <UnderlineTabs
        label="Config views"
        items={tabs.map((each) => ({
          href: `${base}${each.segment}`,
          label: each.label,
          current: each.label === current,
        }))}
      />
    </>
  );
}

/** A namespace × service page when the center did not answer one of the reads it needs. */
export function ConfigServiceUnavailable({
  target,
  reads,
}: {
  target: ConfigTarget;
  reads: Outcome<unknown>[];
}) {
  const failed = reads.find((read) => !read.ok);
  return (
    <>
      <PageHeader title={`${target.service} in ${target.namespace}`} />
      {failed && !failed.ok ? (
        <ServiceUnavailable service="config" problem={failed.problem} />
      ) : null}
    </>
  );
}
