import { createRoute, errorResponses, type ServiceApp } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { audit, deleteEndpoint } from '../repository.ts';
import { actorOf, endpointFor, manageEndpoints } from './access.ts';
import { EndpointParamsSchema } from './schema.ts';

export const deleteEndpointRoute = createRoute({
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
  operationId: 'webhookendpoints.delete',
  tags: ['webhook-endpoints'],
  summary: 'Delete a webhook endpoint and its delivery log',
  access: manageEndpoints,
  request: { params: EndpointParamsSchema },
  responses: {
    204: { description: 'Deleted; deliveries still queued are dropped.' },
    ...errorResponses('not_found'),
  },
});

export function registerDeleteEndpoint(app: ServiceApp<PushDeps>) {
  app.openapi(deleteEndpointRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    await endpointFor(c, deps, id);
    const now = deps.now();
    await deps.db.transaction(async (tx) => {
      await deleteEndpoint(tx, id);
      await audit(tx, { actor: actorOf(c), action: 'webhook.endpoint.delete', target: id }, now);
    });
    return c.body(null, 204);
  });
}
