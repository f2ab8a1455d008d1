import type { RouteConfig } from '@hono/zod-openapi';
import type { RegistryInstanceRow } from '@trellis/db/schema';
import {
  bearerSecurity,
  createRoute,
  errorResponses,
  type PlatformIdentity,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceNotFound, mayManage, NotThisService } from '../../registry/domain.ts';
import { findInstance } from '../../registry/repository.ts';

/** A registry route: tagged `registry`, and taking a platform token (401 without a valid one). */
export function registryRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  config: R,
) {
  return createRoute({
    ...config,
    tags: ['registry'],
    security: bearerSecurity,
    responses: { ...errorResponses('unauthorized'), ...config.responses },
  });
}

/** The parts of a registry route's context these helpers read. */
interface RegistryRequest {
  get(key: 'deps'): RegistryDeps;
  req: { header(name: 'authorization'): string | undefined };
}

/** The verified caller of a registry route. */
export function authenticateCaller(c: RegistryRequest): Promise<PlatformIdentity> {
  return verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
}

/**
 * The registered instance a heartbeat or deregistration addresses, once the caller is known to
 * manage it: 404 when it is unknown, 403 when the caller may not manage its service.
 */
export async function openManagedInstance(
  c: RegistryRequest,
  instanceId: string,
  action: 'heartbeat' | 'deregister',
): Promise<RegistryInstanceRow> {
  const identity = await authenticateCaller(c);
  const existing = await findInstance(c.get('deps').db, instanceId);
  if (!existing) {
    throw new InstanceNotFound(instanceId);
  }
  if (!mayManage(identity, existing.service, action)) {
    throw new NotThisService(existing.service);
  }
  return existing;
}
