import { createRouter } from '@trellis/kit';
import type { ConfigDeps } from '../../deps.ts';
import { registerDecideChangeRequest } from './decide-change-request.ts';
import { registerDiffDraft } from './diff-draft.ts';
import { registerDiffReleases } from './diff-releases.ts';
import { registerGetEffective } from './effective.ts';
import { registerGetDraft } from './get-draft.ts';
import { registerGetRelease } from './get-release.ts';
import { registerGetSchema } from './get-schema.ts';
import { registerGrayActions } from './gray.ts';
import { registerListAudit } from './list-audit.ts';
import { registerListChangeRequests } from './list-change-requests.ts';
import { registerListInstances } from './list-instances.ts';
import { registerListNamespaces } from './list-namespaces.ts';
import { registerListReleases } from './list-releases.ts';
import { registerListServices } from './list-services.ts';
import { registerPoll } from './poll.ts';
import { registerPublish } from './publish.ts';
import { registerReportApplied } from './report-applied.ts';
import { registerRollback } from './rollback.ts';
import { registerSaveDraft } from './save-draft.ts';
import { registerUploadSchema } from './upload-schema.ts';
import { registerWatch } from './watch.ts';

/** The config API under `/v1/config`; mount with `app.route('/', createConfigRouter())`. */
export function createConfigRouter() {
  const router = createRouter<ConfigDeps>();
  // The static `namespaces` and `schemas` paths first: they would also fit `{namespace}/…`.
  registerListNamespaces(router);
  registerUploadSchema(router);
  registerGetSchema(router);
  registerListServices(router);
  registerGetDraft(router);
  registerSaveDraft(router);
  registerDiffDraft(router);
  registerPublish(router);
  registerListReleases(router);
  registerGetRelease(router);
  registerDiffReleases(router);
  registerRollback(router);
  registerGrayActions(router);
  registerListChangeRequests(router);
  registerDecideChangeRequest(router);
  registerListAudit(router);
  registerGetEffective(router);
  registerWatch(router);
  registerPoll(router);
  registerReportApplied(router);
  registerListInstances(router);
  return router;
}
