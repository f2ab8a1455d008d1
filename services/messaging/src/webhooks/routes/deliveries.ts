import { idCursor, listRoute, registerList, type ServiceApp, type z } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { attemptsOf, listDeliveries } from '../repository.ts';
import { endpointFor, readEndpoints } from './access.ts';
import { presentDelivery } from './present.ts';
import {
  EndpointParamsSchema,
  ListDeliveriesQuerySchema,
  WebhookDeliveryPageSchema,
} from './schema.ts';

export const listDeliveriesRoute = listRoute({
  operationId: 'webhookdeliveries.list',
  path: '/v1/webhook-endpoints/{id}/deliveries',
  tags: ['webhook-endpoints'],
  summary: "An endpoint's delivery log, newest first",
  description:
    'Each delivery with its status, attempts, and per attempt the status code, latency and the ' +
    'first KiB of the answer.',
  access: readEndpoints,
  request: { params: EndpointParamsSchema, query: ListDeliveriesQuerySchema },
  page: { schema: WebhookDeliveryPageSchema, description: 'One page of deliveries.' },
  errors: ['not_found'],
});

type Query = z.output<typeof ListDeliveriesQuerySchema>;

export function registerListDeliveries(app: ServiceApp<PushDeps>) {
  registerList(app, listDeliveriesRoute, {
    cursor: idCursor,
    rows: async (deps, query: Omit<Query, 'cursor'> & { afterId?: string }, c) => {
      const { id } = c.req.valid('param' as never) as { id: string };
      await endpointFor(c, deps, id);
      const rows = await listDeliveries(deps.db, { ...query, endpointId: id });
      const attempts = await attemptsOf(
        deps.db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({ ...row, log: attempts.get(row.id) ?? [] }));
    },
    present: (row) => presentDelivery(row, row.log),
  });
}
