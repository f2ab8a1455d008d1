import { errorResponses, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceExpired } from '../../registry/domain.ts';
import { touchInstance } from '../../registry/repository.ts';
import { InstanceParamsSchema } from './schema.ts';
import { openManagedInstance, registryRoute } from './scope.ts';

export const heartbeatRoute = registryRoute({
  method: 'put',
  path: '/v1/registry/instances/{instanceId}/heartbeat',
  operationId: 'registry.heartbeat',
  summary: 'Keep an instance registered',
  description:
    'Sent every ttl/3. A 404 means the instance is unknown or already expired: register it again.',
  request: { params: InstanceParamsSchema },
  responses: {
    204: { description: 'The heartbeat was recorded.' },
    ...errorResponses('forbidden', 'not_found'),
  },
});

export function registerHeartbeat(app: ServiceApp<RegistryDeps>) {
  app.openapi(heartbeatRoute, async (c) => {
    const { instanceId } = c.req.valid('param');
    await openManagedInstance(c, instanceId, 'heartbeat');
    const { db, now } = c.get('deps');
    const touched = await touchInstance(db, instanceId, now());
    if (!touched) {
      throw new InstanceExpired(instanceId);
    }
    return c.body(null, 204);
  });
}
