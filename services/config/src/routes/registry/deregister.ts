import {
  bearerSecurity,
  createRoute,
  errorResponses,
  type ServiceApp,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceNotFound, mayManage, NotThisService } from '../../registry/domain.ts';
import { deleteInstance, findInstance } from '../../registry/repository.ts';
import { InstanceParamsSchema } from './schema.ts';

export const deregisterRoute = createRoute({
  method: 'delete',
  path: '/v1/registry/instances/{instanceId}',
  operationId: 'registry.deregister',
  tags: ['registry'],
  summary: 'Deregister an instance',
  description:
    'Sent on graceful shutdown, so discovery stops handing the instance out at once. The service token of its service, or an operator evicting it.',
  security: bearerSecurity,
  request: { params: InstanceParamsSchema },
  responses: {
    204: { description: 'The instance was removed.' },
    ...errorResponses('unauthorized', 'forbidden', 'not_found'),
  },
});

export function registerDeregister(app: ServiceApp<RegistryDeps>) {
  app.openapi(deregisterRoute, async (c) => {
    const identity = await verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
    const { instanceId } = c.req.valid('param');
    const { db, registry } = c.get('deps');
    const existing = await findInstance(db, instanceId);
    if (!existing) {
      throw new InstanceNotFound(instanceId);
    }
    if (!mayManage(identity, existing.service, 'deregister')) {
      throw new NotThisService(existing.service);
    }
    const removed = await deleteInstance(db, instanceId);
    if (!removed) {
      throw new InstanceNotFound(instanceId);
    }
    await registry.publish(removed.service);
    return c.body(null, 204);
  });
}
