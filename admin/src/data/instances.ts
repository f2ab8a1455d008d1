import 'server-only';
import { serviceNames } from '@trellis/client';
import type { Problem } from '@/lib/problem';
import { serviceUrl } from '@/lib/services';
import type { Session } from '@/lib/session-token';
import { probeAt, type ServiceProbe } from './platform';
import { type RegisteredService, registryOverview } from './registry';

/** One row of the Services page: an instance, probed at its address. */
export interface InstanceRow {
  probe: ServiceProbe;
  /** How the console knows it: from the registry, or the URL it is configured with. */
  registered?: RegisteredService['instances'][number];
}

export interface ServiceInstances {
  rows: InstanceRow[];
  /** Why the registry could not be read; the rows then come from the configured URLs. */
  registryProblem?: Problem;
}

/**
 * Every instance of every service: the registered ones, probed at their own addresses, for a
 * service that has any; the configured URL for a service that has none.
 */
export async function serviceInstances(session: Session): Promise<ServiceInstances> {
  const registry = await registryOverview(session);
  const registered = new Map<string, RegisteredService>(
    registry.ok
      ? registry.data
          .filter((service) => service.instances.length > 0)
          .map((service) => [service.service, service])
      : [],
  );
  const names = [...new Set<string>([...serviceNames, ...registered.keys()])];
  const rows = await Promise.all(
    names.map(async (name): Promise<InstanceRow[]> => {
      const service = registered.get(name);
      if (!service) {
        return [{ probe: await probeAt(name, serviceUrl(name as (typeof serviceNames)[number])) }];
      }
      return Promise.all(
        service.instances.map(async (instance) => ({
          probe: await probeAt(name, instance.address),
          registered: instance,
        })),
      );
    }),
  );
  return {
    rows: rows.flat(),
    ...(registry.ok ? {} : { registryProblem: registry.problem }),
  };
}
