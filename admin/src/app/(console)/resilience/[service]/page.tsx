import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BreakersSection } from '@/components/resilience/breakers-section';
import { InstanceStatus } from '@/components/resilience/instance-status';
import { ResilienceHeader } from '@/components/resilience/resilience-header';
import { ResourcesSection } from '@/components/resilience/resources-section';
import { RulesSection } from '@/components/resilience/rules-section';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { diffDraft, getConfigSchema, getDraft, serviceContext } from '@/data/config';
import { readResilience } from '@/data/resilience';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { defaultNamespace, isResilienceService, rulesProperty } from '@/lib/resilience';
import { configuredBreakerRules } from '@/lib/resilience-view';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Resilience' };

export default async function ResilienceServicePage({
  params,
  searchParams,
}: PageProps<'/resilience/[service]'>) {
  const session = await requireSession();
  const { service } = await params;
  if (!isResilienceService(service)) {
    notFound();
  }
  const query = await searchParams;
  const target = { namespace: searchParam(query, 'namespace') ?? defaultNamespace, service };
  const [reading, context, schema, draft, diff] = await Promise.all([
    readResilience(session, service, target.namespace),
    serviceContext(session, target),
    getConfigSchema(session, service),
    getDraft(session, target),
    diffDraft(session, target),
  ]);
  const mayEdit = may(session.role, 'config.edit');
  const configured =
    draft.ok && schema.ok
      ? configuredBreakerRules(draft.data.values, rulesProperty(schema.data.jsonSchema)?.default)
      : undefined;
  return (
    <>
      <ResilienceHeader
        service={service}
        namespace={target.namespace}
        namespaces={context.ok ? context.data.namespaces : []}
        renderedAt={new Date().toISOString()}
      />
      <InstanceStatus service={service} namespace={target.namespace} reading={reading} />
      <ResourcesSection
        target={target}
        answered={reading.answered}
        asked={reading.answered.length + reading.failed.length}
        selected={searchParam(query, 'resource')}
      />
      <BreakersSection
        target={target}
        answered={reading.answered}
        configured={configured}
        schema={schema}
        mayEdit={mayEdit}
      />
      <Section id="rules" title="Rules">
        {context.ok ? (
          <RulesSection
            target={target}
            context={context.data}
            schema={schema}
            draft={draft}
            diff={diff}
            mayEdit={mayEdit}
          />
        ) : (
          <ServiceUnavailable service="config" problem={context.problem} />
        )}
      </Section>
    </>
  );
}
