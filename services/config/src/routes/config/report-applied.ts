import { createRoute, errorResponses, jsonBody, type ServiceApp } from '@trellis/kit';
import { assertServiceItself, serviceItselfAccess } from '../../config/access.ts';
import type { ConfigDeps } from '../../deps.ts';
import { AppliedReportSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const reportAppliedRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/applied',
  operationId: 'config.reportApplied',
  tags: ['config'],
  summary: 'An instance reports the revision it applied or rejected',
  description: 'Needs the token of that service itself (403 otherwise).',
  access: serviceItselfAccess,
  request: { params: TargetParamsSchema, body: jsonBody(AppliedReportSchema) },
  responses: {
    204: { description: 'Recorded.' },
    ...errorResponses('not_found'),
  },
});

export function registerReportApplied(app: ServiceApp<ConfigDeps>) {
  app.openapi(reportAppliedRoute, async (c) => {
    assertServiceItself(c.get('caller'), c.req.valid('param').service);
    const { deps, target } = await openTarget(c);
    const report = c.req.valid('json');
    await deps.recordApplied(
      target,
      {
        instanceId: report.instanceId,
        revision: report.revision,
        status: report.status,
        error: report.status === 'rejected' ? (report.error ?? 'rejected') : null,
      },
      deps.now(),
    );
    return c.body(null, 204);
  });
}
