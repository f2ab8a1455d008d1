import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { audit, type EndpointChanges, updateEndpoint } from '../repository.ts';
import { assertPublicTarget } from '../ssrf.ts';
import {
  actorOf,
  assertKnownEventTypes,
  EndpointNotFound,
  endpointFor,
  manageEndpoints,
} from './access.ts';
import { presentEndpoint } from './present.ts';
import {
  EndpointParamsSchema,
  UpdateWebhookEndpointSchema,
  WebhookEndpointSchema,
} from './schema.ts';

export const updateEndpointRoute = createRoute({
  method: 'patch',
  path: '/v1/webhook-endpoints/{id}',
  operationId: 'webhookendpoints.update',
  tags: ['webhook-endpoints'],
  summary: 'Change, enable or disable a webhook endpoint',
  description:
    'The owner or an admin. A new URL is checked as on registration (422 naming `url`); ' +
    'enabling a disabled endpoint clears its failure record.',
  access: manageEndpoints,
  request: { params: EndpointParamsSchema, body: jsonBody(UpdateWebhookEndpointSchema) },
  responses: {
    200: jsonResponse(WebhookEndpointSchema, 'The endpoint as changed.'),
    ...errorResponses('not_found', 'unprocessable'),
  },
});

export function registerUpdateEndpoint(app: ServiceApp<PushDeps>) {
  app.openapi(updateEndpointRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const endpoint = await endpointFor(c, deps, id);
    const changes: EndpointChanges = {};
    if (body.url !== undefined) {
      await assertPublicTarget(
        body.url,
        deps.resolveHost,
        deps.config.get().webhooks.allowPrivateTargets,
      );
      changes.url = body.url;
    }
    if (body.eventTypes !== undefined) {
      assertKnownEventTypes(deps, body.eventTypes);
      changes.eventTypes = [...new Set(body.eventTypes)];
    }
    if (body.description !== undefined) {
      changes.description = body.description;
    }
    if (body.status === 'enabled' && endpoint.status === 'disabled') {
      Object.assign(changes, { status: 'enabled', disabledReason: null, failingSince: null });
    } else if (body.status === 'disabled' && endpoint.status === 'enabled') {
      Object.assign(changes, { status: 'disabled', disabledReason: 'disabled by hand' });
    }
    const now = deps.now();
    const row = await deps.db.transaction(async (tx) => {
      const updated = await updateEndpoint(tx, id, changes, now);
      await audit(
        tx,
        { actor: actorOf(c), action: 'webhook.endpoint.update', target: id, detail: body },
        now,
      );
      return updated;
    });
    if (!row) {
      throw new EndpointNotFound(id);
    }
    return c.json(presentEndpoint(row, now), 200);
  });
}
