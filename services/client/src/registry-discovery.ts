import { ApiError, type Logger, type TokenSource } from '@trellis/kit';
import { pickWeighted } from './balancer.ts';
import { defaultPorts, type ServiceName } from './services.ts';
import { readServerSentEvents } from './sse.ts';
import type { Discovery } from './transport.ts';

/** One instance as the registry lists it; the fields discovery uses. */
export interface DiscoveredInstance {
  instanceId: string;
  address: string;
  version: string;
  labels: Record<string, string>;
  weight: number;
  /** False for expired instances the registry lists only because too few are healthy. */
  healthy: boolean;
}

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

interface ServiceState {
  instances: DiscoveredInstance[];
  /** Set once the watch delivered a list, so a slower initial GET cannot overwrite it. */
  watched: boolean;
  loaded: Promise<void>;
  markLoaded: () => void;
  scores: Map<string, number>;
}

interface Cooldown {
  failures: number;
  until: number;
}

function parseInstances(value: unknown): DiscoveredInstance[] | undefined {
  const items = (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    return undefined;
  }
  return items.flatMap((item: Record<string, unknown>) => {
    if (typeof item?.address !== 'string' || typeof item.instanceId !== 'string') {
      return [];
    }
    return [
      {
        instanceId: item.instanceId,
        address: item.address,
        version: typeof item.version === 'string' ? item.version : '',
        labels: (item.labels as Record<string, string> | undefined) ?? {},
        weight: typeof item.weight === 'number' ? item.weight : 100,
        healthy: item.healthy !== false,
      },
    ];
  });
}

/**
 * Discovery through the registry: the first call to a service loads its instances and opens a
 * watch that keeps the list current; calls spread over the instances by smooth weighted
 * round-robin, skipping for a while any that failed. Without a registry, or while a service
 * has no instances, the static `fallback` URL answers.
 */
export function registryDiscovery(options: RegistryDiscoveryOptions): RegistryDiscovery {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const base = options.registryUrl?.replace(/\/+$/, '');
  const fallback = options.fallback ?? {};
  const initialTimeoutMs = options.initialTimeoutMs ?? 1000;
  const reconnect = options.reconnectDelayMs ?? { initial: 250, max: 5000 };
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const cooldown = options.failureCooldownMs ?? { initial: 1000, max: 30_000 };
  const now = options.now ?? Date.now;
  const logger = options.logger;
  const services = new Map<ServiceName, ServiceState>();
  const cooldowns = new Map<string, Cooldown>();
  const closing = new AbortController();

  async function headers(accept: string): Promise<Record<string, string>> {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }

  function apply(service: ServiceName, state: ServiceState, instances: DiscoveredInstance[]) {
    const known = new Set(state.instances.map((instance) => instance.address));
    for (const instance of instances) {
      // An address that comes back (a restarted instance) deserves a fresh chance.
      if (!known.has(instance.address)) {
        cooldowns.delete(instance.address);
      }
    }
    state.instances = instances;
    logger?.debug({ service, instances: instances.length }, 'discovered instances');
  }

  async function loadOnce(service: ServiceName, state: ServiceState): Promise<void> {
    try {
      const res = await doFetch(
        new Request(`${base}/v1/registry/services/${service}/instances`, {
          headers: await headers('application/json'),
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(initialTimeoutMs)]),
        }),
      );
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new Error(`the registry answered ${res.status}`);
      }
      const instances = parseInstances(await res.json());
      if (instances && !state.watched) {
        apply(service, state, instances);
      }
    } catch (error) {
      logger?.warn({ service, err: error }, 'could not load instances from the registry');
    } finally {
      state.markLoaded();
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      closing.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        closing.signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }

  async function watch(service: ServiceName, state: ServiceState): Promise<void> {
    let delay = reconnect.initial;
    while (!closing.signal.aborted) {
      const attempt = new AbortController();
      let idle: ReturnType<typeof setTimeout> | undefined;
      const stillAlive = () => {
        clearTimeout(idle);
        idle = setTimeout(() => attempt.abort(), idleTimeoutMs);
        idle.unref?.();
      };
      try {
        const res = await doFetch(
          new Request(`${base}/v1/registry/services/${service}/watch`, {
            headers: await headers('text/event-stream'),
            signal: AbortSignal.any([closing.signal, attempt.signal]),
          }),
        );
        if (res.status !== 200 || !res.body) {
          await res.body?.cancel();
          throw new Error(`the registry answered ${res.status}`);
        }
        stillAlive();
        await readServerSentEvents(
          res.body,
          (event) => {
            if (event.event !== 'instances') {
              return;
            }
            const instances = parseInstances(JSON.parse(event.data));
            if (instances) {
              state.watched = true;
              apply(service, state, instances);
              state.markLoaded();
              delay = reconnect.initial;
            }
          },
          stillAlive,
        );
      } catch (error) {
        if (!closing.signal.aborted) {
          logger?.debug({ service, err: error }, 'registry watch dropped; reconnecting');
        }
      } finally {
        clearTimeout(idle);
      }
      if (closing.signal.aborted) {
        return;
      }
      await pause(delay / 2 + Math.random() * (delay / 2));
      delay = Math.min(reconnect.max, delay * 2);
    }
  }

  function stateOf(service: ServiceName): ServiceState {
    let state = services.get(service);
    if (state) {
      return state;
    }
    let markLoaded = () => {};
    const loaded = new Promise<void>((resolve) => {
      markLoaded = resolve;
    });
    state = { instances: [], watched: false, loaded, markLoaded, scores: new Map() };
    services.set(service, state);
    if (!closing.signal.aborted) {
      void loadOnce(service, state);
      void watch(service, state);
    } else {
      markLoaded();
    }
    return state;
  }

  function choose(state: ServiceState): DiscoveredInstance | undefined {
    const at = now();
    const usable = (instance: DiscoveredInstance) =>
      (cooldowns.get(instance.address)?.until ?? 0) <= at;
    // Healthy ones first; the protected, expired ones only when no healthy one is usable; and
    // when every instance failed lately, all of them rather than none.
    const tiers = [
      state.instances.filter((instance) => instance.healthy && usable(instance)),
      state.instances.filter((instance) => !instance.healthy && usable(instance)),
      state.instances,
    ];
    for (const tier of tiers) {
      if (tier.length > 0) {
        const peers = tier.map((instance) => ({
          key: instance.address,
          weight: instance.weight,
          instance,
        }));
        return pickWeighted(peers, state.scores)?.instance;
      }
    }
    return undefined;
  }

  return {
    async resolve(service) {
      if (base === undefined) {
        return fallback[service] ?? `http://127.0.0.1:${defaultPorts[service]}`;
      }
      const state = stateOf(service);
      await state.loaded;
      const instance = choose(state);
      if (instance) {
        return instance.address;
      }
      const url = fallback[service];
      if (url) {
        return url;
      }
      throw new ApiError('dependency_unavailable', {
        detail: `No instance of the ${service} service is registered.`,
        headers: { 'retry-after': '1' },
      });
    },
    reportFailure(_service, baseUrl) {
      const failures = (cooldowns.get(baseUrl)?.failures ?? 0) + 1;
      const ms = Math.min(cooldown.max, cooldown.initial * 2 ** (failures - 1));
      cooldowns.set(baseUrl, { failures, until: now() + ms });
    },
    reportSuccess(_service, baseUrl) {
      cooldowns.delete(baseUrl);
    },
    instances(service) {
      return services.get(service)?.instances ?? [];
    },
    close() {
      closing.abort();
      for (const state of services.values()) {
        state.markLoaded();
      }
    },
  };
}
