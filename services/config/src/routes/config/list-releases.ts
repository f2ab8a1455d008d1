import {
  createRoute,
  errorResponses,
  integerCursor,
  jsonResponse,
  listPage,
  type ServiceApp,
} from '@trellis/kit';
import { listReleases } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentRelease } from './present.ts';
import { PageQuerySchema, ReleasePageSchema, TargetParamsSchema } from './schema.ts';
import { authenticate, bearerSecurity, resolveTarget } from './scope.ts';

export const listReleasesRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/releases',
  operationId: 'config.listReleases',
  tags: ['config'],
  summary: 'Release history, newest first',
  security: bearerSecurity,
  request: { params: TargetParamsSchema, query: PageQuerySchema },
  responses: {
    200: jsonResponse(ReleasePageSchema, 'A page of releases, secrets masked.'),
    ...errorResponses('unauthorized', 'not_found'),
  },
});

const revisionCursor = integerCursor('revision', 'beforeRevision');

export function registerListReleases(app: ServiceApp<ConfigDeps>) {
  app.openapi(listReleasesRoute, async (c) => {
    const deps = c.get('deps');
    await authenticate(deps, c.req.header('authorization'));
    const { target } = await resolveTarget(deps, c.req.valid('param'));
    const page = await listPage(c.req.valid('query'), revisionCursor, (query) =>
      listReleases(deps.db, target, query),
    );
    return c.json({ ...page, items: page.items.map((row) => presentRelease(row)) }, 200);
  });
}
