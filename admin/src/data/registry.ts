import 'server-only';
import type { ConfigComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';
import { type ConfigInstanceStatus, listAppliedByInstance, listNamespaces } from './config';

type Schemas = ConfigComponents['schemas'];
export type RegistryInstance = Schemas['RegistryInstance'];
export type RegistryService = Schemas['RegistryService'];

/** The config an instance last reported, and in which namespace. */
export interface AppliedConfig extends ConfigInstanceStatus {
  namespace: string;
}

export interface RegisteredService extends RegistryService {
  instances: (RegistryInstance & { config?: AppliedConfig })[];
}

export async function listRegistryServices(caller: Caller): Promise<Outcome<RegistryService[]>> {
  const answer = await outcomeOf(
    serviceClient('config').GET('/v1/registry/services', { headers: asOperator(caller) }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

export async function listRegistryInstances(
  caller: Caller,
  service: string,
): Promise<Outcome<RegistryInstance[]>> {
  const answer = await outcomeOf(
    serviceClient('config').GET('/v1/registry/services/{service}/instances', {
      params: { path: { service } },
      headers: asOperator(caller),
    }),
  );
  return answer.ok ? { ok: true, data: answer.data.items } : answer;
}

/**
 * An instance watches the config of one namespace, so its report is in that namespace's list;
 * if several namespaces hold one (it moved), the newest wins.
 */
export async function appliedByInstance(
  caller: Caller,
  services: readonly string[],
): Promise<Map<string, AppliedConfig>> {
  const namespaces = await listNamespaces(caller);
  const reports = await Promise.all(
    (namespaces.ok ? namespaces.data : []).flatMap((namespace) =>
      services.map(async (service) => {
        const applied = await listAppliedByInstance(caller, { namespace: namespace.name, service });
        return applied.ok
          ? applied.data.map((status) => ({ ...status, namespace: namespace.name }))
          : [];
      }),
    ),
  );
  const newest = new Map<string, AppliedConfig>();
  for (const report of reports.flat()) {
    const known = newest.get(report.instanceId);
    if (!known || known.reportedAt < report.reportedAt) {
      newest.set(report.instanceId, report);
    }
  }
  return newest;
}

/** Every registered service with its instances, each joined with the config it applied. */
export async function registryOverview(caller: Caller): Promise<Outcome<RegisteredService[]>> {
  const services = await listRegistryServices(caller);
  if (!services.ok) {
    return services;
  }
  const names = services.data.map((service) => service.service);
  const [lists, applied] = await Promise.all([
    Promise.all(names.map((name) => listRegistryInstances(caller, name))),
    appliedByInstance(caller, names),
  ]);
  return {
    ok: true,
    data: services.data.map((service, index) => {
      const list = lists[index];
      const instances = list?.ok ? list.data : [];
      return {
        ...service,
        instances: instances.map((instance) => {
          const config = applied.get(instance.instanceId);
          return config ? { ...instance, config } : instance;
        }),
      };
    }),
  };
}
