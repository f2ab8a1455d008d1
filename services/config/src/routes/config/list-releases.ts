import { integerCursor, listPage, listRoute, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { listReleases } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentRelease } from './present.ts';
import { PageQuerySchema, ReleasePageSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const listReleasesRoute = listRoute({
  path: '/v1/config/{namespace}/{service}/releases',
  operationId: 'config.listReleases',
  summary: 'Release history, newest first',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: PageQuerySchema },
  page: { schema: ReleasePageSchema, description: 'A page of releases, secrets masked.' },
  errors: ['not_found'],
});

const revisionCursor = integerCursor('revision', 'beforeRevision');

export function registerListReleases(app: ServiceApp<ConfigDeps>) {
  app.openapi(listReleasesRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const page = await listPage(c.req.valid('query'), revisionCursor, (query) =>
      listReleases(deps.db, target, query),
    );
    return c.json({ ...page, items: page.items.map((row) => presentRelease(row)) }, 200);
  });
}
