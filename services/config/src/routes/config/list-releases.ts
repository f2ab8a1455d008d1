import {
  boundedIntParam,
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
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

export function registerListReleases(app: ServiceApp<ConfigDeps>) {
  app.openapi(listReleasesRoute, async (c) => {
    const deps = c.get('deps');
    await authenticate(deps, c.req.header('authorization'));
    const { target } = await resolveTarget(deps, c.req.valid('param'));
    const { limit, cursor } = c.req.valid('query');
    const position = decodeCursor(cursor, { revision: boundedIntParam(0) });
    const rows = await listReleases(deps.db, target, {
      limit,
      ...(position ? { beforeRevision: position.revision } : {}),
    });
    const page = toPage(rows, limit, (row) => ({ revision: String(row.revision) }));
    return c.json(
      { items: page.items.map((row) => presentRelease(row)), nextCursor: page.nextCursor },
      200,
    );
  });
}
