import type { RouteConfig } from '@hono/zod-openapi';
import type { RegistryInstanceRow } from '@trellis/db/schema';
import { type Access, type Caller, createRoute } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { InstanceNotFound, NotThisService } from '../../registry/domain.ts';
import { findInstance } from '../../registry/repository.ts';

/** Reading the registry: operators, admins and the platform's services (discovery). */
export const registryReaders = { role: 'operator', anyService: true } as const satisfies Access;

/** Registering, heartbeating, deregistering: a service, for its own instances only. */
export const instanceOwners = { anyService: true } as const satisfies Access;

/** A registry route: tagged `registry`. */
export function registryRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path'> & { path: P; access: Access },
>(config: R) {
  return createRoute({ ...config, tags: ['registry'] });
}

/** 403 unless the caller is the service `service` itself, with its own token. */
export function assertOwnService(caller: Caller, service: string): void {
  if (caller.service !== service) {
    throw new NotThisService(service);
  }
}

/** The parts of a registry route's context `openOwnInstance` reads. */
interface RegistryRequest {
  get(key: 'deps'): RegistryDeps;
  get(key: 'caller'): Caller;
}

/**
 * The registered instance a heartbeat or deregistration addresses: 404 when it is unknown,
 * 403 unless the caller is the service it belongs to.
 */
export async function openOwnInstance(
  c: RegistryRequest,
  instanceId: string,
): Promise<RegistryInstanceRow> {
  const existing = await findInstance(c.get('deps').db, instanceId);
  if (!existing) {
    throw new InstanceNotFound(instanceId);
  }
  assertOwnService(c.get('caller'), existing.service);
  return existing;
}
