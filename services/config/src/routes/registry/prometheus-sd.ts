import {
  bearerSecurity,
  createRoute,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { prometheusTargets } from '../../registry/domain.ts';
import { loadRecentInstances } from './present.ts';
import { PrometheusTargetsSchema } from './schema.ts';

export const prometheusSdRoute = createRoute({
  method: 'get',
  path: '/v1/registry/prometheus-sd',
  operationId: 'registry.prometheusSd',
  tags: ['registry'],
  summary: 'Scrape targets for Prometheus',
  description:
    'Every healthy instance in the Prometheus `http_sd_configs` format, labelled with service, version and instance. Prometheus sends a token through `authorization.credentials`.',
  security: bearerSecurity,
  responses: {
    200: jsonResponse(PrometheusTargetsSchema, 'The target groups.'),
    ...errorResponses('unauthorized'),
  },
});

export function registerPrometheusSd(app: ServiceApp<RegistryDeps>) {
  app.openapi(prometheusSdRoute, async (c) => {
    await verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
    const { rows, at } = await loadRecentInstances(c.get('deps'));
    return c.json(prometheusTargets(rows, at), 200);
  });
}
