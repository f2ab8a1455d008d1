import {
  boundedIntParam,
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
} from '@trellis/kit';
import { listAudit } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentAudit } from './present.ts';
import { AuditPageSchema, PageQuerySchema, TargetParamsSchema } from './schema.ts';
import { authenticate, bearerSecurity, resolveTarget } from './scope.ts';

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/audit',
  operationId: 'config.listAudit',
  tags: ['config'],
  summary: 'Who changed what, when, with the diff',
  security: bearerSecurity,
  request: { params: TargetParamsSchema, query: PageQuerySchema },
  responses: {
    200: jsonResponse(AuditPageSchema, 'A page of the audit trail, newest first, secrets masked.'),
    ...errorResponses('unauthorized', 'not_found'),
  },
});

export function registerListAudit(app: ServiceApp<ConfigDeps>) {
  app.openapi(listAuditRoute, async (c) => {
    const deps = c.get('deps');
    await authenticate(deps, c.req.header('authorization'));
    const { target } = await resolveTarget(deps, c.req.valid('param'));
    const { limit, cursor } = c.req.valid('query');
    const position = decodeCursor(cursor, { id: boundedIntParam(0) });
    const rows = await listAudit(deps.db, target, {
      limit,
      ...(position ? { beforeId: position.id } : {}),
    });
    const page = toPage(rows, limit, (row) => ({ id: String(row.id) }));
    return c.json({ items: page.items.map(presentAudit), nextCursor: page.nextCursor }, 200);
  });
}
