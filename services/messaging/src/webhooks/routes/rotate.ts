import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { audit, updateEndpoint } from '../repository.ts';
import { newWebhookSecret, rotatedSecrets, type StoredSecret, sealSecret } from '../secrets.ts';
import { actorOf, EndpointNotFound, endpointFor, manageEndpoints } from './access.ts';
import { presentEndpoint } from './present.ts';
import { EndpointParamsSchema, WebhookEndpointWithSecretSchema } from './schema.ts';

export const rotateSecretRoute = createRoute({
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/rotate-secret',
  operationId: 'webhookendpoints.rotateSecret',
  tags: ['webhook-endpoints'],
  summary: 'Rotate the signing secret, with an overlap',
  description:
    'A fresh secret, shown this once, signs from now on; the previous one keeps signing beside ' +
    'it (two `v1,` signatures) for `webhooks.rotationOverlapHours` (live config), so a ' +
    'consumer can switch without missing a delivery.',
  access: manageEndpoints,
  request: { params: EndpointParamsSchema },
  responses: {
    200: jsonResponse(WebhookEndpointWithSecretSchema, 'The endpoint, with its new secret.'),
    ...errorResponses('not_found'),
  },
});

export function registerRotateSecret(app: ServiceApp<PushDeps>) {
  app.openapi(rotateSecretRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const endpoint = await endpointFor(c, deps, id);
    const now = deps.now();
    const secret = newWebhookSecret();
    const overlapMs = deps.config.get().webhooks.rotationOverlapHours * 3_600_000;
    const secrets = rotatedSecrets(
      endpoint.secrets as StoredSecret[],
      await sealSecret(deps.cipher, id, secret, now),
      now,
      overlapMs,
    );
    const row = await deps.db.transaction(async (tx) => {
      const updated = await updateEndpoint(tx, id, { secrets }, now);
      await audit(tx, { actor: actorOf(c), action: 'webhook.endpoint.rotate', target: id }, now);
      return updated;
    });
    if (!row) {
      throw new EndpointNotFound(id);
    }
    return c.json({ ...presentEndpoint(row, now), secret }, 200);
  });
}
