import { jsonResponse, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { prometheusTargets } from '../../registry/domain.ts';
import { loadRecentInstances } from './present.ts';
import { PrometheusTargetsSchema } from './schema.ts';
import { registryRoute } from './scope.ts';

export const prometheusSdRoute = registryRoute({
  method: 'get',
  path: '/v1/registry/prometheus-sd',
  operationId: 'registry.prometheusSd',
  summary: 'Scrape targets for Prometheus',
  description:
    'Every healthy instance in the Prometheus `http_sd_configs` format, labelled with service, version and instance. Prometheus sends the metrics token through `authorization.credentials`; operators and services may read it too.',
  access: { metrics: true, role: 'operator', anyService: true },
  responses: {
    200: jsonResponse(PrometheusTargetsSchema, 'The target groups.'),
  },
});

export function registerPrometheusSd(app: ServiceApp<RegistryDeps>) {
  app.openapi(prometheusSdRoute, async (c) => {
    const { rows, at } = await loadRecentInstances(c.get('deps'));
    return c.json(prometheusTargets(rows, at), 200);
  });
}
