import { errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceIdTaken } from '../../registry/domain.ts';
import { upsertInstance } from '../../registry/repository.ts';
import { presentInstance } from './present.ts';
import { RegisterInstanceSchema, RegistryInstanceSchema } from './schema.ts';
import { assertOwnService, instanceOwners, registryRoute } from './scope.ts';

export const registerInstanceRoute = registryRoute({
  method: 'post',
  path: '/v1/registry/instances',
  operationId: 'registry.register',
  summary: 'Register an instance, or refresh its registration',
  description:
    'Called by the kit when a service starts, and again whenever a heartbeat answers 404. Needs the token of the service named in the body (403 otherwise): no service can register an instance of another.',
  access: instanceOwners,
  request: { body: jsonBody(RegisterInstanceSchema) },
  responses: {
    200: jsonResponse(RegistryInstanceSchema, 'The registration was refreshed.'),
    201: jsonResponse(RegistryInstanceSchema, 'The instance was registered.'),
    ...errorResponses('conflict'),
  },
});

export function registerRegisterInstance(app: ServiceApp<RegistryDeps>) {
  app.openapi(registerInstanceRoute, async (c) => {
    const body = c.req.valid('json');
    assertOwnService(c.get('caller'), body.service);
    const { db, now, registry } = c.get('deps');
    const result = await upsertInstance(db, body, now());
    if (result.outcome === 'taken') {
      throw new InstanceIdTaken(body.instanceId, result.service);
    }
    await registry.publish(body.service);
    const instance = presentInstance(result.row, true);
    if (result.outcome === 'created') {
      c.header('location', `/v1/registry/instances/${encodeURIComponent(body.instanceId)}`);
      return c.json(instance, 201);
    }
    return c.json(instance, 200);
  });
}
