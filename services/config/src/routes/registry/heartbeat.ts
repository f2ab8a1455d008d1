import { errorResponses, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceExpired } from '../../registry/domain.ts';
import { touchInstance } from '../../registry/repository.ts';
import { InstanceParamsSchema } from './schema.ts';
import { instanceOwners, openOwnInstance, registryRoute } from './scope.ts';

export const heartbeatRoute = registryRoute({
  method: 'put',
  path: '/v1/registry/instances/{instanceId}/heartbeat',
  operationId: 'registry.heartbeat',
  summary: 'Keep an instance registered',
  description:
    'Sent every ttl/3. A 404 means the instance is unknown or already expired: register it again. Needs the token of the service the instance belongs to (403 otherwise).',
  access: instanceOwners,
  request: { params: InstanceParamsSchema },
  responses: {
    204: { description: 'The heartbeat was recorded.' },
    ...errorResponses('not_found'),
  },
});

export function registerHeartbeat(app: ServiceApp<RegistryDeps>) {
  app.openapi(heartbeatRoute, async (c) => {
    const { instanceId } = c.req.valid('param');
    await openOwnInstance(c, instanceId);
    const { db, now } = c.get('deps');
    const touched = await touchInstance(db, instanceId, now());
    if (!touched) {
      throw new InstanceExpired(instanceId);
    }
    return c.body(null, 204);
  });
}
