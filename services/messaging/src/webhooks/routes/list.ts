import {
  assertOwns,
  idCursor,
  listRoute,
  ownerFilter,
  registerList,
  type ServiceApp,
} from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { listEndpoints } from '../repository.ts';
import { readEndpoints } from './access.ts';
import { presentEndpoint } from './present.ts';
import { ListEndpointsQuerySchema, WebhookEndpointPageSchema } from './schema.ts';

export const listEndpointsRoute = listRoute({
  operationId: 'webhookendpoints.list',
  path: '/v1/webhook-endpoints',
  tags: ['webhook-endpoints'],
  summary: 'List webhook endpoints, newest first',
  description: "A member sees their own; operators and admins everyone's.",
  access: readEndpoints,
  request: { query: ListEndpointsQuerySchema },
  page: { schema: WebhookEndpointPageSchema, description: 'One page of endpoints.' },
});

export function registerListEndpoints(app: ServiceApp<PushDeps>) {
  registerList(app, listEndpointsRoute, {
    cursor: idCursor,
    rows: ({ db }, { ownerId, ...query }, c) => {
      if (ownerId) {
        assertOwns(c, ownerId, 'webhook endpoints');
      }
      return listEndpoints(db, { ...query, ownerId: ownerId ?? ownerFilter(c) });
    },
    present: (row) => presentEndpoint(row),
  });
}
