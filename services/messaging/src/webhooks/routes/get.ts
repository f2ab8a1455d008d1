import { readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { EndpointNotFound, endpointFor, readEndpoints } from './access.ts';
import { presentEndpoint } from './present.ts';
import { EndpointParamsSchema, WebhookEndpointSchema } from './schema.ts';

export const getEndpointRoute = readRoute({
  operationId: 'webhookendpoints.get',
  path: '/v1/webhook-endpoints/{id}',
  tags: ['webhook-endpoints'],
  summary: 'Get a webhook endpoint',
  access: readEndpoints,
  params: EndpointParamsSchema,
  answer: { schema: WebhookEndpointSchema, description: 'The endpoint (never its secret).' },
});

export function registerGetEndpoint(app: ServiceApp<PushDeps>) {
  registerRead(app, getEndpointRoute, {
    read: (deps, id, c) => endpointFor(c, deps, id),
    notFound: (id) => new EndpointNotFound(id),
    present: (row) => presentEndpoint(row),
  });
}
