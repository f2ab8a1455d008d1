import { ApiError, createPlatformCaller, type Logger, type TokenSource } from '@trellis/kit';
import { pickWeighted } from './balancer.ts';
import { Cooldowns } from './cooldowns.ts';
import { type DiscoveredInstance, InstanceWatch } from './instance-watch.ts';
import { defaultPorts, type ServiceName } from './services.ts';
import type { Discovery } from './transport.ts';

export type { DiscoveredInstance } from './instance-watch.ts';

export interface RegistryDiscoveryOptions {
  /** The config center; without one, every service resolves to its static URL. */
  registryUrl?: string | undefined;
  /** A service token (or a function returning a fresh one); the registry needs one to read. */
  token?: TokenSource;
  /** Static URLs per service, used without a registry or while a service has no instances. */
  fallback?: Partial<Record<ServiceName, string>>;
  fetch?: (request: Request) => Promise<Response>;
  /** How long the first call to a service waits for its instance list; default 1 s. */
  initialTimeoutMs?: number;
  /** First and largest delay before reconnecting a dropped watch; default 250 ms and 5 s. */
  reconnectDelayMs?: { initial: number; max: number };
  /** A watch silent this long is reconnected (the center pings every 15 s); default 45 s. */
  idleTimeoutMs?: number;
  /** How long an instance that failed is skipped, doubling per failure; default 1 s to 30 s. */
  failureCooldownMs?: { initial: number; max: number };
  logger?: Logger;
  now?: () => number;
}

export interface RegistryDiscovery extends Discovery {
  resolve(service: ServiceName): Promise<string>;
  /** The instances known for `service` (empty until it was first resolved). */
  instances(service: ServiceName): readonly DiscoveredInstance[];
  /** Ends every watch; resolving afterwards answers from the last known lists. */
  close(): void;
}

/**
 * Picks one instance by smooth weighted round-robin: healthy ones first; the protected,
 * expired ones only when no healthy one is usable; and when every instance failed lately, all
 * of them rather than none.
 */
function choose(watch: InstanceWatch, cooldowns: Cooldowns): DiscoveredInstance | undefined {
  const usable = (instance: DiscoveredInstance) => cooldowns.usable(instance.address);
  const tiers = [
    watch.instances.filter((instance) => instance.healthy && usable(instance)),
    watch.instances.filter((instance) => !instance.healthy && usable(instance)),
    watch.instances,
  ];
  const tier = tiers.find((candidates) => candidates.length > 0) ?? [];
  const peers = tier.map((instance) => ({
    key: instance.address,
    weight: instance.weight,
    instance,
  }));
  return pickWeighted(peers, watch.scores)?.instance;
}

function noInstance(service: ServiceName): ApiError {
  return new ApiError('dependency_unavailable', {
    detail: `No instance of the ${service} service is registered.`,
    headers: { 'retry-after': '1' },
  });
}

/**
 * Opens the watch of a service's instances on the first call to it, kept in `watches`;
 * undefined without a registry.
 */
function createWatches(
  options: RegistryDiscoveryOptions,
  cooldowns: Cooldowns,
  closing: AbortSignal,
  watches: Map<ServiceName, InstanceWatch>,
): ((service: ServiceName) => InstanceWatch) | undefined {
  if (options.registryUrl === undefined) {
    return undefined;
  }
  const registry = createPlatformCaller({
    peer: 'the registry',
    baseUrl: options.registryUrl,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.initialTimeoutMs ?? 1000,
    signal: closing,
  });
  const watchOptions = {
    registry,
    closing,
    reconnectDelayMs: options.reconnectDelayMs ?? { initial: 250, max: 5000 },
    idleTimeoutMs: options.idleTimeoutMs ?? 45_000,
    logger: options.logger,
    onList(previous: readonly DiscoveredInstance[], next: DiscoveredInstance[]) {
      const known = new Set(previous.map((instance) => instance.address));
      // An address that comes back (a restarted instance) deserves a fresh chance.
      for (const instance of next.filter(({ address }) => !known.has(address))) {
        cooldowns.forget(instance.address);
      }
    },
  };
  return (service) => {
    let watch = watches.get(service);
    if (!watch) {
      watch = new InstanceWatch(service, watchOptions);
      watches.set(service, watch);
      watch.start();
    }
    return watch;
  };
}

/**
 * Discovery through the registry: the first call to a service loads its instances and opens a
 * watch that keeps the list current; calls spread over the instances by smooth weighted
 * round-robin, skipping for a while any that failed. Without a registry, or while a service
 * has no instances, the static `fallback` URL answers.
 */
export function registryDiscovery(options: RegistryDiscoveryOptions): RegistryDiscovery {
  const fallback = options.fallback ?? {};
  const cooldowns = new Cooldowns(
    options.failureCooldownMs ?? { initial: 1000, max: 30_000 },
    options.now ?? Date.now,
  );
  const closing = new AbortController();
  const watches = new Map<ServiceName, InstanceWatch>();
  const watchOf = createWatches(options, cooldowns, closing.signal, watches);

  return {
    async resolve(service) {
      if (watchOf === undefined) {
        return fallback[service] ?? `http://127.0.0.1:${defaultPorts[service]}`;
      }
      const watch = watchOf(service);
      await watch.loaded;
      const address = choose(watch, cooldowns)?.address ?? fallback[service];
      if (address === undefined) {
        throw noInstance(service);
      }
      return address;
    },
    reportFailure: (_service, baseUrl) => cooldowns.failed(baseUrl),
    reportSuccess: (_service, baseUrl) => cooldowns.forget(baseUrl),
    instances: (service) => watches.get(service)?.instances ?? [],
    close() {
      closing.abort();
      for (const watch of watches.values()) {
        watch.markLoaded();
      }
    },
  };
}
