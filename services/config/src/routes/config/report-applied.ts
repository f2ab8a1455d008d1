import { createRoute, errorResponses, jsonBody, type ServiceApp } from '@trellis/kit';
import { assertServiceItself } from '../../config/access.ts';
import type { ConfigDeps } from '../../deps.ts';
import { AppliedReportSchema, TargetParamsSchema } from './schema.ts';
import { bearerSecurity, openTarget } from './scope.ts';

export const reportAppliedRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/applied',
  operationId: 'config.reportApplied',
  tags: ['config'],
  summary: 'An instance reports the revision it applied or rejected',
  description: 'Needs the service token of that service.',
  security: bearerSecurity,
  request: { params: TargetParamsSchema, body: jsonBody(AppliedReportSchema) },
  responses: {
    204: { description: 'Recorded.' },
    ...errorResponses('unauthorized', 'forbidden', 'not_found'),
  },
});

export function registerReportApplied(app: ServiceApp<ConfigDeps>) {
  app.openapi(reportAppliedRoute, async (c) => {
    const { deps, identity, target } = await openTarget(c);
    assertServiceItself(identity, target.service);
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
