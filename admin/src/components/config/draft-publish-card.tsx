import { Card } from '@tremor/react';
import type { ConfigDiff, ConfigTarget, ServiceContext } from '@/data/config';
import { publishBlockedReason } from '@/lib/config-publish';
import type { Outcome } from '@/lib/problem';
import { ServiceUnavailable } from '../ui/service-unavailable';
import { DiffTable } from './diff-table';
import { PublishForm } from './publish-form';

/** The saved draft against the live release, and the form that publishes it. */
export function DraftPublishCard({
  target,
  context,
  diff,
  mayEdit,
  note,
  testId,
  heading: Heading = 'h2',
  className,
}: {
  target: ConfigTarget;
  context: Pick<ServiceContext, 'namespace' | 'state'>;
  diff: Outcome<ConfigDiff>;
  mayEdit: boolean;
  note: string;
  testId: string;
  heading?: 'h2' | 'h3';
  className?: string;
}) {
  const { namespace, state } = context;
  const liveRevision = state?.liveRevision ?? null;
  const Subheading = Heading === 'h2' ? 'h3' : 'h4';
  return (
    <Card className={className}>
      <Heading className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {liveRevision
          ? `Draft against live revision ${liveRevision}`
          : 'Draft against nothing published'}
      </Heading>
      <p className="mb-4 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {note}
      </p>
      {diff.ok ? (
        <DiffTable changes={diff.data.changes} empty="No differences." testId={testId} compact />
      ) : (
        <ServiceUnavailable service="config" problem={diff.problem} />
      )}
      <div className="mt-6 border-t border-tremor-border pt-5 dark:border-dark-tremor-border">
        <Subheading className="mb-3 font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {namespace.protected ? 'Request approval' : 'Publish'}
        </Subheading>
        <PublishForm
          namespace={target.namespace}
          service={target.service}
          isProtected={namespace.protected}
          blockedBecause={publishBlockedReason({
            mayEdit,
            grayRevision: state?.gray?.revision,
            noChanges: diff.ok && diff.data.changes.length === 0,
            liveRevision,
          })}
          grayAllowed={liveRevision !== null}
        />
      </div>
    </Card>
  );
}
