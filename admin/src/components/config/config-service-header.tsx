import { Badge } from '@tremor/react';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import type { ConfigTarget, ServiceContext } from '@/data/config';

const tabs = [
  { segment: '', label: 'Draft' },
  { segment: '/history', label: 'History' },
  { segment: '/audit', label: 'Audit' },
] as const;

export type ConfigTab = (typeof tabs)[number]['label'];

const tabClass =
  'border-b-2 px-1 pb-2 text-tremor-default font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted';

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
          <nav aria-label="Namespaces" className="flex flex-wrap gap-1">
            {namespaces.map((each) => (
              <Link
                key={each.name}
                href={`/config/${each.name}/${target.service}${tab}`}
                aria-current={each.name === target.namespace ? 'page' : undefined}
                className={`rounded-tremor-small px-3 py-1.5 text-tremor-default font-medium ${
                  each.name === target.namespace
                    ? 'bg-tremor-brand-faint text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
                    : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
                }`}
              >
                {each.name}
              </Link>
            ))}
          </nav>
        }
      />
      <nav
        aria-label="Config views"
        className="mb-6 flex gap-6 border-b border-tremor-border dark:border-dark-tremor-border"
      >
        {tabs.map((each) => {
          const selected = each.label === current;
          return (
            <Link
              key={each.label}
              href={`${base}${each.segment}`}
              aria-current={selected ? 'page' : undefined}
              className={`${tabClass} ${
                selected
                  ? 'border-tremor-brand text-tremor-brand-emphasis dark:border-dark-tremor-brand dark:text-dark-tremor-brand-emphasis'
                  : 'border-transparent text-tremor-content hover:text-tremor-content-emphasis dark:text-dark-tremor-content dark:hover:text-dark-tremor-content-emphasis'
              }`}
            >
              {each.label}
            </Link>
          );
        })}
      </nav>
    </>
  );
}
