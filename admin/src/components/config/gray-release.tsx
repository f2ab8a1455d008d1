import { Card } from '@tremor/react';
import type { ConfigInstanceStatus, ConfigTarget, GrayRule } from '@/data/config';
import type { RegistryInstance } from '@/data/registry';
import { describeGrayRule, matchesGray } from '@/lib/gray';
import { EndGrayForm } from './end-gray-form';

export interface GrayProgress {
  /** Instances watching this namespace that the rule reaches. */
  targeted: number;
  /** Of those, how many run the gray revision. */
  applied: number;
  /** Instances that refused it, with why. */
  rejected: ConfigInstanceStatus[];
  /** Instances watching this namespace. */
  watching: number;
}

/**
 * Instances count when they reported to this namespace; while the registry lists instances of
 * the service, only those still registered count, with their registry labels.
 */
export function grayProgress(
  revision: number,
  rule: GrayRule,
  reports: ConfigInstanceStatus[],
  registered: RegistryInstance[],
): GrayProgress {
  const byId = new Map(registered.map((instance) => [instance.instanceId, instance]));
  const pool = byId.size > 0 ? reports.filter((report) => byId.has(report.instanceId)) : reports;
  const targeted = pool.filter((report) =>
    matchesGray(rule, {
      instanceId: report.instanceId,
      labels: byId.get(report.instanceId)?.labels ?? {},
    }),
  );
  return {
    targeted: targeted.length,
    applied: targeted.filter((r) => r.revision === revision && r.status === 'applied').length,
    rejected: pool.filter((r) => r.revision === revision && r.status === 'rejected'),
    watching: pool.length,
  };
}

export function GrayRelease({
  target,
  revision,
  rule,
  progress,
  mayEnd,
}: {
  target: ConfigTarget;
  revision: number;
  rule: GrayRule;
  progress: GrayProgress;
  mayEnd: boolean;
}) {
  const share = progress.targeted === 0 ? 0 : (progress.applied / progress.targeted) * 100;
  return (
    <Card decoration="left" decorationColor="violet" className="mb-6" data-testid="gray-release">
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
        Gray release: revision {revision}
      </h2>
      <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        To {describeGrayRule(rule)}. The other instances keep the live release.
      </p>
      <div className="mt-4 space-y-2" data-testid="gray-progress">
        <p className="text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {progress.targeted === 0
            ? `No instance watching ${target.namespace} matches the rule yet (${progress.watching} watching).`
            : `${progress.applied} of ${progress.targeted} targeted instances run revision ${revision} (${progress.watching} watching ${target.namespace}).`}
        </p>
        {/* Tremor's ProgressBar is a client component (its tooltip); a plain bar will do here. */}
        <div
          role="progressbar"
          aria-label="Targeted instances running the gray revision"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(share)}
          className="h-2 w-full overflow-hidden rounded-tremor-full bg-violet-100 dark:bg-violet-950"
        >
          <div className="h-full bg-violet-500" style={{ width: `${share}%` }} />
        </div>
        {progress.rejected.length > 0 ? (
          <ul className="list-inside list-disc text-tremor-label text-rose-700 dark:text-rose-400">
            {progress.rejected.map((report) => (
              <li key={report.instanceId}>
                {report.instanceId} rejected it: {report.error ?? 'no reason given'}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {mayEnd ? (
        <div className="mt-4">
          <EndGrayForm namespace={target.namespace} service={target.service} />
        </div>
      ) : null}
    </Card>
  );
}
