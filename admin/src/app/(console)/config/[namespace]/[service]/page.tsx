import { Callout, Card } from '@tremor/react';
import type { Metadata } from 'next';
import { ChangeRequests } from '@/components/config/change-requests';
import { ConfigEditor } from '@/components/config/config-editor';
import { ConfigNotice } from '@/components/config/config-notice';
import {
  ConfigServiceHeader,
  ConfigServiceUnavailable,
} from '@/components/config/config-service-header';
import { DraftPublishCard } from '@/components/config/draft-publish-card';
import { GrayRelease, grayProgress } from '@/components/config/gray-release';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import {
  diffDraft,
  getConfigSchema,
  getDraft,
  listAppliedByInstance,
  listPendingChangeRequests,
  serviceContext,
} from '@/data/config';
import { listRegistryInstances } from '@/data/registry';
import { requireSession } from '@/lib/auth';
import { configFields } from '@/lib/config-form';
import { formatDateTime } from '@/lib/format';
import { may } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Config' };

const headingClass =
  'text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong';
const noteClass = 'text-tremor-default text-tremor-content dark:text-dark-tremor-content';

export default async function ConfigDraftPage({
  params,
  searchParams,
}: PageProps<'/config/[namespace]/[service]'>) {
  const session = await requireSession();
  const target = await params;
  const query = await searchParams;
  const context = await serviceContext(session, target);
  if (!context.ok) {
    return <ConfigServiceUnavailable target={target} reads={[context]} />;
  }
  const { state } = context.data;
  const [schema, draft, diff, requests, reports, registered] = await Promise.all([
    getConfigSchema(session, target.service),
    getDraft(session, target),
    diffDraft(session, target),
    listPendingChangeRequests(session, target),
    state?.gray ? listAppliedByInstance(session, target) : undefined,
    state?.gray ? listRegistryInstances(session, target.service) : undefined,
  ]);
  const mayEdit = may(session.role, 'config.edit');
  const gray = state?.gray;
  const liveRevision = state?.liveRevision ?? null;
  return (
    <>
      <ConfigServiceHeader target={target} context={context.data} current="Draft" />
      <ConfigNotice query={query} liveRevision={liveRevision} />
      {requests.ok ? (
        <ChangeRequests target={target} requests={requests.data} session={session} />
      ) : (
        <div className="mb-6">
          <ServiceUnavailable service="config" problem={requests.problem} />
        </div>
      )}
      {gray ? (
        <GrayRelease
          target={target}
          revision={gray.revision}
          rule={gray.rule}
          progress={grayProgress(
            gray.revision,
            gray.rule,
            reports?.ok ? reports.data : [],
            registered?.ok ? registered.data : [],
          )}
          mayEnd={mayEdit}
        />
      ) : null}
      {!schema.ok ? (
        schema.problem.status === 404 ? (
          <Callout title="No schema yet" color="amber">
            {target.service} has not uploaded its config schema. A service does when it starts;
            until then there is nothing to edit.
          </Callout>
        ) : (
          <ServiceUnavailable service="config" problem={schema.problem} />
        )
      ) : !draft.ok ? (
        <ServiceUnavailable service="config" problem={draft.problem} />
      ) : (
        <div className="grid items-start gap-6 xl:grid-cols-5">
          <Card className="xl:col-span-3">
            <h2 className={headingClass}>Draft</h2>
            <p className={`mb-5 ${noteClass}`} data-testid="draft-saved-by">
              {draft.data.updatedBy && draft.data.updatedAt
                ? `Saved by ${draft.data.updatedBy}, ${formatDateTime(draft.data.updatedAt)}, ${
                    draft.data.baseRevision
                      ? `on top of revision ${draft.data.baseRevision}`
                      : 'before the first release'
                  }.`
                : liveRevision
                  ? `No draft saved: these are the values of live revision ${liveRevision}.`
                  : 'No draft saved and nothing published: start from the empty form.'}
            </p>
            <ConfigEditor
              namespace={target.namespace}
              service={target.service}
              fields={configFields(schema.data.jsonSchema, schema.data.secretKeys)}
              values={draft.data.values}
              savedAt={draft.data.updatedAt}
            />
          </Card>
          <DraftPublishCard
            className="xl:col-span-2"
            target={target}
            context={context.data}
            diff={diff}
            mayEdit={mayEdit}
            note="What publishing the saved draft would change."
            testId="draft-diff"
          />
        </div>
      )}
    </>
  );
}
