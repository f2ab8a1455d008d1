import {
  bearerSecurity,
  createRoute,
  errorResponses,
  type ServiceApp,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import {
  InstanceExpired,
  InstanceNotFound,
  mayManage,
  NotThisService,
} from '../../registry/domain.ts';
import { findInstance, touchInstance } from '../../registry/repository.ts';
import { InstanceParamsSchema } from './schema.ts';

export const heartbeatRoute = createRoute({
  method: 'put',
  path: '/v1/registry/instances/{instanceId}/heartbeat',
  operationId: 'registry.heartbeat',
  tags: ['registry'],
  summary: 'Keep an instance registered',
  description:
    'Sent every ttl/3. A 404 means the instance is unknown or already expired: register it again.',
  security: bearerSecurity,
  request: { params: InstanceParamsSchema },
  responses: {
    204: { description: 'The heartbeat was recorded.' },
    ...errorResponses('unauthorized', 'forbidden', 'not_found'),
  },
});

export function registerHeartbeat(app: ServiceApp<RegistryDeps>) {
  app.openapi(heartbeatRoute, async (c) => {
    const identity = await verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
    const { instanceId } = c.req.valid('param');
    const { db, now } = c.get('deps');
    const existing = await findInstance(db, instanceId);
    if (!existing) {
      throw new InstanceNotFound(instanceId);
    }
    if (!mayManage(identity, existing.service, 'heartbeat')) {
      throw new NotThisService(existing.service);
    }
    const touched = await touchInstance(db, instanceId, now());
    if (!touched) {
      throw new InstanceExpired(instanceId);
    }
    return c.body(null, 204);
  });
}
