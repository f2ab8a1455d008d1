import { Badge } from '@tremor/react';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PillLinks, UnderlineTabs } from '@/components/ui/nav-tabs';
import { PageHeader } from '@/components/ui/page-header';
import type { ConfigNamespace } from '@/data/config';
import { resiliencePath, resilienceServices } from '@/lib/resilience';

export const refreshEveryMs = 3000;

/** Title, the namespace the rules are edited in, and one tab per service. */
export function ResilienceHeader({
  service,
  namespace,
  namespaces,
  renderedAt,
}: {
  service: string;
  namespace: string;
  /** Empty when the config center cannot list them. */
  namespaces: ConfigNamespace[];
  renderedAt: string;
}) {
  const current = namespaces.find((each) => each.name === namespace);
  return (
    <>
      <PageHeader
        title="Resilience"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>
              Live flow control, breakers and rules of each service, read from every instance's
              /resilience. Rules and forced breakers are edited in the {namespace} config.
            </span>
            {current?.protected ? (
              <Badge color="amber" data-testid="namespace-protected">
                {namespace} is protected: changes need a second admin
              </Badge>
            ) : null}
          </span>
        }
        actions={
          <>
            {namespaces.length > 0 ? (
              <PillLinks
                label="Namespaces"
                items={namespaces.map((each) => ({
                  href: resiliencePath(service, { namespace: each.name }),
                  label: each.name,
                  current: each.name === namespace,
                }))}
              />
            ) : null}
            <AutoRefresh everyMs={refreshEveryMs} renderedAt={renderedAt} />
          </>
        }
      />
      <UnderlineTabs
        label="Services"
        items={resilienceServices.map((each) => ({
          href: resiliencePath(each, { namespace }),
          label: each,
          current: each === service,
        }))}
      />
    </>
  );
}
