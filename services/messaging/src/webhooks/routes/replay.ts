import {
  ApiError,
  createRoute,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  z,
} from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { audit, findDelivery, reopenDelivery } from '../repository.ts';
import { actorOf, DeliveryNotFound, endpointFor, manageEndpoints } from './access.ts';
import { presentDelivery } from './present.ts';
import { DeliveryParamsSchema, WebhookDeliverySchema } from './schema.ts';

export const replayDeliveryRoute = createRoute({
  method: 'post',
  path: '/v1/webhook-deliveries/{id}/replay',
  operationId: 'webhookdeliveries.replay',
  tags: ['webhook-endpoints'],
  summary: 'Deliver an event to an endpoint again',
  description:
    'Sends the delivery again at once, with the same `webhook-id` (the event id) so the consumer ' +
    'can tell it is the same event, then on the retry schedule if it fails. The endpoint must be ' +
    'enabled (409 otherwise). The owner or an admin.',
  access: manageEndpoints,
  request: { params: DeliveryParamsSchema },
  responses: {
    202: jsonResponse(WebhookDeliverySchema, 'The delivery, queued again.'),
    ...errorResponses('not_found', {
      conflict: {
        currentStatus: z.enum(['enabled', 'disabled']).openapi({
          description: 'The endpoint’s status: a disabled endpoint takes no replay.',
          example: 'disabled',
        }),
      },
    }),
  },
});

export function registerReplayDelivery(app: ServiceApp<PushDeps>) {
  app.openapi(replayDeliveryRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const delivery = await findDelivery(deps.db, id);
    if (!delivery) {
      throw new DeliveryNotFound(id);
    }
    const endpoint = await endpointFor(c, deps, delivery.endpointId);
    if (endpoint.status !== 'enabled') {
      throw new ApiError('conflict', {
        detail: 'The endpoint is disabled; enable it (PATCH status `enabled`) before a replay.',
        extensions: { currentStatus: endpoint.status },
      });
    }
    const now = deps.now();
    await deps.db.transaction(async (tx) => {
      await reopenDelivery(tx, id, now);
      await audit(
        tx,
        {
          actor: actorOf(c),
          action: 'webhook.delivery.replay',
          target: id,
          detail: { eventId: delivery.eventId },
        },
        now,
      );
    });
    await deps.deliveries.enqueue(id, 0, 0, `replay${now.getTime()}`);
    const reopened = (await findDelivery(deps.db, id)) ?? delivery;
    return c.json(presentDelivery(reopened), 202);
  });
}
