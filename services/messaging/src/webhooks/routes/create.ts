import {
  actingUser,
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
} from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { newPushId } from '../ids.ts';
import { audit, insertEndpoint } from '../repository.ts';
import { newWebhookSecret, sealSecret } from '../secrets.ts';
import { assertPublicTarget } from '../ssrf.ts';
import { actorOf, assertKnownEventTypes, assertMayTakeAll, registerEndpoints } from './access.ts';
import { presentEndpoint } from './present.ts';
import { CreateWebhookEndpointSchema, WebhookEndpointWithSecretSchema } from './schema.ts';

export const createEndpointRoute = createRoute({
  method: 'post',
  path: '/v1/webhook-endpoints',
  operationId: 'webhookendpoints.create',
  tags: ['webhook-endpoints'],
  summary: 'Register a webhook endpoint',
  description:
    'Deliveries are signed per Standard Webhooks with the secret in the answer, shown this once. ' +
    'Any signed-in user registers endpoints of their own, for the events concerning them ' +
    '(scope `own`); only admins may take every event (scope `all`, else 403). The URL is ' +
    'refused (422 naming `url`) when its host resolves to a loopback, private, link-local, ' +
    'unique-local or metadata address; unknown event types are a 422 naming them.',
  access: registerEndpoints,
  request: { body: jsonBody(CreateWebhookEndpointSchema) },
  responses: {
    201: jsonResponse(WebhookEndpointWithSecretSchema, 'The endpoint, with its secret.'),
    ...errorResponses('unprocessable'),
  },
});

export function registerCreateEndpoint(app: ServiceApp<PushDeps>) {
  app.openapi(createEndpointRoute, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    if (body.scope === 'all') {
      assertMayTakeAll(c);
    }
    assertKnownEventTypes(deps, body.eventTypes);
    await assertPublicTarget(
      body.url,
      deps.resolveHost,
      deps.config.get().webhooks.allowPrivateTargets,
    );
    const now = deps.now();
    const id = newPushId('whep');
    const secret = newWebhookSecret();
    const ownerId = actingUser(c)?.id ?? '';
    const row = await deps.db.transaction(async (tx) => {
      const created = await insertEndpoint(tx, {
        id,
        ownerId,
        scope: body.scope,
        url: body.url,
        description: body.description,
        eventTypes: [...new Set(body.eventTypes)],
        secrets: [await sealSecret(deps.cipher, id, secret, now)],
      });
      await audit(
        tx,
        {
          actor: actorOf(c),
          action: 'webhook.endpoint.create',
          target: id,
          detail: { url: body.url },
        },
        now,
      );
      return created;
    });
    return c.json({ ...presentEndpoint(row, now), secret }, 201);
  });
}
