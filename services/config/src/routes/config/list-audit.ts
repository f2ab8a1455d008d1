import { integerCursor, listPage, listRoute, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { listAudit } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentAudit } from './present.ts';
import { AuditPageSchema, PageQuerySchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const listAuditRoute = listRoute({
  path: '/v1/config/{namespace}/{service}/audit',
  operationId: 'config.listAudit',
  summary: 'Who changed what, when, with the diff',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: PageQuerySchema },
  page: {
    schema: AuditPageSchema,
    description: 'A page of the audit trail, newest first, secrets masked.',
  },
  errors: ['not_found'],
});

const idCursor = integerCursor('id', 'beforeId');

export function registerListAudit(app: ServiceApp<ConfigDeps>) {
  app.openapi(listAuditRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const page = await listPage(c.req.valid('query'), idCursor, (query) =>
      listAudit(deps.db, target, query),
    );
    return c.json({ ...page, items: page.items.map((row) => presentAudit(row)) }, 200);
  });
}
