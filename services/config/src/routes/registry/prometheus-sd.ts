import { jsonResponse, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { prometheusTargets } from '../../registry/domain.ts';
import { loadRecentInstances } from './present.ts';
import { PrometheusTargetsSchema } from './schema.ts';
import { authenticateCaller, registryRoute } from './scope.ts';

export const prometheusSdRoute = registryRoute({
  method: 'get',
  path: '/v1/registry/prometheus-sd',
  operationId: 'registry.prometheusSd',
  summary: 'Scrape targets for Prometheus',
  description:
    'Every healthy instance in the Prometheus `http_sd_configs` format, labelled with service, version and instance. Prometheus sends a token through `authorization.credentials`.',
  responses: {
    200: jsonResponse(PrometheusTargetsSchema, 'The target groups.'),
  },
});

export function registerPrometheusSd(app: ServiceApp<RegistryDeps>) {
  app.openapi(prometheusSdRoute, async (c) => {
    await authenticateCaller(c);
    const { rows, at } = await loadRecentInstances(c.get('deps'));
    return c.json(prometheusTargets(rows, at), 200);
  });
}
