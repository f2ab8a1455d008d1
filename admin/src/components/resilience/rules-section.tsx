import { Callout, Card } from '@tremor/react';
import Link from 'next/link';
import { DraftPublishCard } from '@/components/config/draft-publish-card';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import type {
  ConfigDiff,
  ConfigDraft,
  ConfigSchema,
  ConfigTarget,
  ServiceContext,
} from '@/data/config';
import type { Outcome } from '@/lib/problem';
import { rulesProperty } from '@/lib/resilience';
import { RuleEditor } from './rule-editor';

const headingClass =
  'text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong';
const noteClass = 'text-tremor-default text-tremor-content dark:text-dark-tremor-content';

/** The rules editor: the draft's `resilience` key, its diff against live, and publishing. */
export function RulesSection({
  target,
  context,
  schema,
  draft,
  diff,
  mayEdit,
}: {
  target: ConfigTarget;
  context: ServiceContext;
  schema: Outcome<ConfigSchema>;
  draft: Outcome<ConfigDraft>;
  diff: Outcome<ConfigDiff>;
  mayEdit: boolean;
}) {
  const configPage = `/config/${target.namespace}/${target.service}`;
  const link = (
    <Link
      href={configPage}
      className="font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand"
    >
      full config of {target.service} in {target.namespace}
    </Link>
  );
  if (!schema.ok) {
    return schema.problem.status === 404 ? (
      <Callout title="No schema yet" color="amber">
        {target.service} has not uploaded its config schema; it does when it starts.
      </Callout>
    ) : (
      <ServiceUnavailable service="config" problem={schema.problem} />
    );
  }
  const property = rulesProperty(schema.data.jsonSchema);
  if (!property) {
    return (
      <Callout title="No resilience key" color="amber">
        The config schema {target.service} uploaded has no resilience key, so its rules cannot be
        edited here yet. See the {link}.
      </Callout>
    );
  }
  if (!draft.ok) {
    return <ServiceUnavailable service="config" problem={draft.problem} />;
  }
  const liveRevision = context.state?.liveRevision ?? null;
  const rules = draft.data.values.resilience ?? property.default ?? {};
  return (
    <div className="grid items-start gap-6 xl:grid-cols-5">
      <Card className="xl:col-span-3">
        <h3 className={headingClass}>Rules in the draft</h3>
        <p className={`mb-4 ${noteClass}`}>
          {draft.data.updatedBy
            ? `Draft saved by ${draft.data.updatedBy}.`
            : liveRevision
              ? `No draft saved: these are the rules of live revision ${liveRevision}.`
              : 'Nothing published yet: instances run the default rules.'}{' '}
          The other keys are edited on the {link}.
        </p>
        {mayEdit ? (
          <RuleEditor
            namespace={target.namespace}
            service={target.service}
            rules={rules}
            savedAt={draft.data.updatedAt}
          />
        ) : (
          <pre className="whitespace-pre-wrap font-mono text-tremor-label [overflow-wrap:anywhere]">
            {JSON.stringify(rules, null, 2)}
          </pre>
        )}
      </Card>
      <DraftPublishCard
        className="xl:col-span-2"
        target={target}
        context={context}
        diff={diff}
        mayEdit={mayEdit}
        note="What publishing the saved draft would change: the rules, and any other key saved in it."
        testId="rules-diff"
        heading="h3"
      />
    </div>
  );
}
