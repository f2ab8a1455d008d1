import { errorResponses, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceNotFound } from '../../registry/domain.ts';
import { deleteInstance } from '../../registry/repository.ts';
import { InstanceParamsSchema } from './schema.ts';
import { instanceOwners, openOwnInstance, registryRoute } from './scope.ts';

export const deregisterRoute = registryRoute({
  method: 'delete',
  path: '/v1/registry/instances/{instanceId}',
  operationId: 'registry.deregister',
  summary: 'Deregister an instance',
  description:
    'Sent on graceful shutdown, so discovery stops handing the instance out at once. Needs the token of the service the instance belongs to (403 otherwise).',
  access: instanceOwners,
  request: { params: InstanceParamsSchema },
  responses: {
    204: { description: 'The instance was removed.' },
    ...errorResponses('not_found'),
  },
});

export function registerDeregister(app: ServiceApp<RegistryDeps>) {
  app.openapi(deregisterRoute, async (c) => {
    const { instanceId } = c.req.valid('param');
    await openOwnInstance(c, instanceId);
    const { db, registry } = c.get('deps');
    const removed = await deleteInstance(db, instanceId);
    if (!removed) {
      throw new InstanceNotFound(instanceId);
    }
    await registry.publish(removed.service);
    return c.body(null, 204);
  });
}
