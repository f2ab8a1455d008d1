import type { RegistryInstanceRow } from '@trellis/db/schema';
import { ApiError } from '@trellis/kit';

export interface RegistryPolicy {
  /**
   * When fewer than this share of a service's recently seen instances are healthy, the expired
   * ones are listed too (flagged unhealthy), so a network blip never empties a service.
   */
  protectionThreshold: number;
  /** How long an instance counts as recently seen after its last heartbeat; then it is purged. */
  forgetAfterSeconds: number;
  /** How often a center looks for instances whose TTL lapsed. */
  sweepIntervalMs: number;
  /** Comment lines on idle watch streams, so proxies and clients know the stream is alive. */
  watchPingMs: number;
}

export const defaultRegistryPolicy: RegistryPolicy = {
  protectionThreshold: 0.5,
  forgetAfterSeconds: 300,
  sweepIntervalMs: 500,
  watchPingMs: 15_000,
};

export class InstanceNotFound extends ApiError {
  constructor(instanceId: string) {
    super('not_found', { detail: `No registered instance ${instanceId}.` });
  }
}

export class InstanceExpired extends ApiError {
  constructor(instanceId: string) {
    super('not_found', {
      detail: `Instance ${instanceId} missed its heartbeats and expired; register it again.`,
    });
  }
}

export class InstanceIdTaken extends ApiError {
  constructor(instanceId: string, service: string) {
    super('conflict', {
      detail: `Instance id ${instanceId} is registered by the ${service} service.`,
      errors: [{ in: 'body', path: 'instanceId', message: 'belongs to another service' }],
    });
  }
}

export class NotThisService extends ApiError {
  constructor(service: string) {
    super('forbidden', {
      detail: `Only the ${service} service's own token may manage its instances.`,
    });
  }
}

export type InstanceTimes = Pick<RegistryInstanceRow, 'lastHeartbeatAt' | 'ttlSeconds'>;

export function expiresAt(instance: InstanceTimes): Date {
  return new Date(instance.lastHeartbeatAt.getTime() + instance.ttlSeconds * 1000);
}

/** Healthy while `now - lastHeartbeat <= ttl`. */
export function isHealthy(instance: InstanceTimes, now: Date): boolean {
  return now.getTime() <= expiresAt(instance).getTime();
}

/** The oldest last heartbeat that still counts as recently seen. */
export function recentSince(now: Date, policy: Pick<RegistryPolicy, 'forgetAfterSeconds'>): Date {
  return new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
}

export interface VisibleInstance {
  row: RegistryInstanceRow;
  healthy: boolean;
}

export interface VisibleInstances {
  items: VisibleInstance[];
  /** True when the protection threshold brought expired instances back into the list. */
  protectionActive: boolean;
}

/**
 * What discovery hands out for one service, from its recently seen instances: the healthy
 * ones, or all of them when too few are healthy. Sorted by instance id, so equal lists compare
 * equal.
 */
export function visibleInstances(
  recent: readonly RegistryInstanceRow[],
  now: Date,
  policy: Pick<RegistryPolicy, 'protectionThreshold'>,
): VisibleInstances {
  const all = [...recent]
    .sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0))
    .map((row) => ({ row, healthy: isHealthy(row, now) }));
  const healthy = all.filter((instance) => instance.healthy);
  const protectionActive =
    all.length > 0 && healthy.length / all.length < policy.protectionThreshold;
  return { items: protectionActive ? all : healthy, protectionActive };
}

export interface ServiceSummary {
  service: string;
  healthy: number;
  total: number;
  protectionActive: boolean;
}

/** Per service: healthy and recently seen instance counts, by service name. */
export function summarizeServices(
  recent: readonly RegistryInstanceRow[],
  now: Date,
  policy: Pick<RegistryPolicy, 'protectionThreshold'>,
): ServiceSummary[] {
  const byService = new Map<string, RegistryInstanceRow[]>();
  for (const row of recent) {
    byService.set(row.service, [...(byService.get(row.service) ?? []), row]);
  }
  return [...byService.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([service, rows]) => {
      const healthy = rows.filter((row) => isHealthy(row, now)).length;
      return {
        service,
        healthy,
        total: rows.length,
        protectionActive: healthy / rows.length < policy.protectionThreshold,
      };
    });
}

export interface PrometheusTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** Prometheus `http_sd` groups: one per healthy instance, `host:port` plus identifying labels. */
export function prometheusTargets(
  recent: readonly RegistryInstanceRow[],
  now: Date,
): PrometheusTargetGroup[] {
  return recent
    .filter((row) => isHealthy(row, now))
    .sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0))
    .map((row) => {
      const url = new URL(row.address);
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return {
        targets: [`${url.hostname}:${port}`],
        labels: {
          service: row.service,
          version: row.version,
          instance: row.instanceId,
          ...(url.protocol === 'https:' ? { __scheme__: 'https' } : {}),
        },
      };
    });
}
