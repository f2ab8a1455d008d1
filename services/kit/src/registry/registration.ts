import type { Logger } from '../logger.ts';
import type { TokenSource } from '../platform-call/caller.ts';

export type { TokenSource };

export interface RegistrationOptions {
  /** Base URL of the config center, e.g. `http://127.0.0.1:4110`. */
  registryUrl: string;
  service: string;
  instanceId: string;
  /** Base URL other services reach this instance at, e.g. `http://10.0.0.12:4101`. */
  address: string;
  version: string;
  labels?: Record<string, string>;
  /** Share of traffic relative to the other instances; default 100. */
  weight?: number;
  /** The registry expires the instance this long after its last heartbeat; default 15 s. */
  ttlSeconds?: number;
  /** The service token, or a function returning a fresh one (tokens expire). */
  token: TokenSource;
  logger: Logger;
  fetch?: (request: Request) => Promise<Response>;
  /** Bound on each call to the registry; default 2 s. */
  requestTimeoutMs?: number;
  /** First and largest delay between registration attempts while the registry is down. */
  retryDelayMs?: { initial: number; max: number };
}

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'stopped';

export interface Registration {
  /** Registers in the background and keeps heartbeating; never waits for the registry. */
  start(): void;
  /** Stops heartbeating and deregisters, so discovery drops this instance at once. */
  stop(): Promise<void>;
  /** Resolves once the registry has accepted the instance (again after a 404). */
  registered(): Promise<void>;
  readonly state: RegistrationState;
}

class RegistryAnswer extends Error {
  constructor(readonly status: number) {
    super(`the registry answered ${status}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timed out';
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : 'failed');
}

/**
 * Keeps one instance registered: registers (retrying with backoff while the registry is down),
 * heartbeats every ttl/3, registers again when a heartbeat answers 404, deregisters on stop.
 */
export function createRegistration(options: RegistrationOptions): Registration {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const ttlSeconds = options.ttlSeconds ?? 15;
  const heartbeatMs = Math.max(100, Math.floor((ttlSeconds * 1000) / 3));
  const timeoutMs = options.requestTimeoutMs ?? 2000;
  const retry = options.retryDelayMs ?? { initial: 250, max: Math.min(5000, heartbeatMs) };
  const base = options.registryUrl.replace(/\/+$/, '');
  const instancePath = `${base}/v1/registry/instances/${encodeURIComponent(options.instanceId)}`;
  const logger = options.logger.child({ registry: base });

  let state: RegistrationState = 'idle';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let failures = 0;
  let everRegistered = false;
  let waiters: (() => void)[] = [];
  // A function, not a comparison, since `state` changes across the awaits below.
  const stopped = () => state === 'stopped';

  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    inFlight = new AbortController();
    const signal = AbortSignal.any([inFlight.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      return await doFetch(
        new Request(url, {
          method,
          signal,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    } finally {
      inFlight = undefined;
    }
  }

  function schedule(run: () => Promise<void>, ms: number) {
    if (stopped()) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    timer.unref?.();
  }

  function retryDelay(): number {
    const ceiling = Math.min(retry.max, retry.initial * 2 ** Math.min(failures, 16));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  async function register(): Promise<void> {
    if (stopped()) {
      return;
    }
    state = 'registering';
    try {
      const res = await call('POST', `${base}/v1/registry/instances`, {
        service: options.service,
        instanceId: options.instanceId,
        address: options.address,
        version: options.version,
        labels: options.labels ?? {},
        weight: options.weight ?? 100,
        ttlSeconds,
      });
      await res.body?.cancel();
      if (res.status !== 200 && res.status !== 201) {
        throw new RegistryAnswer(res.status);
      }
      if (stopped()) {
        return;
      }
      state = 'registered';
      everRegistered = true;
      logger.info(
        { instanceId: options.instanceId, address: options.address, afterFailures: failures },
        'registered in the registry',
      );
      failures = 0;
      for (const resolve of waiters) {
        resolve();
      }
      waiters = [];
      schedule(heartbeat, heartbeatMs);
    } catch (error) {
      if (stopped()) {
        return;
      }
      failures++;
      const log = error instanceof RegistryAnswer && error.status < 500 ? 'error' : 'warn';
      // One line when the registry goes away, then quiet until it is back.
      if (failures === 1 || log === 'error') {
        logger[log]({ reason: describe(error) }, 'registration failed; retrying in the background');
      }
      schedule(register, retryDelay());
    }
  }

  async function heartbeat(): Promise<void> {
    if (stopped()) {
      return;
    }
    try {
      const res = await call('PUT', `${instancePath}/heartbeat`);
      await res.body?.cancel();
      if (res.status === 404) {
        logger.warn('the registry forgot this instance; registering again');
        failures = 0;
        await register();
        return;
      }
      if (res.status !== 204) {
        throw new RegistryAnswer(res.status);
      }
      if (failures > 0) {
        logger.info('heartbeats reach the registry again');
      }
      failures = 0;
      schedule(heartbeat, heartbeatMs);
    } catch (error) {
      if (stopped()) {
        return;
      }
      failures++;
      if (failures === 1) {
        logger.warn({ reason: describe(error) }, 'heartbeat failed; retrying');
      }
      // Beat sooner than usual while failing, so a short outage does not cost the registration.
      schedule(heartbeat, Math.min(heartbeatMs, retryDelay()));
    }
  }

  return {
    get state() {
      return state;
    },
    start() {
      if (state !== 'idle') {
        return;
      }
      void register();
    },
    async stop() {
      if (stopped()) {
        return;
      }
      // A registration cut off mid-flight may still have landed: deregister then too.
      const mayBeRegistered = everRegistered || inFlight !== undefined;
      state = 'stopped';
      clearTimeout(timer);
      inFlight?.abort();
      if (!mayBeRegistered) {
        return;
      }
      try {
        const res = await call('DELETE', instancePath);
        await res.body?.cancel();
        if (res.status !== 204 && res.status !== 404) {
          throw new RegistryAnswer(res.status);
        }
        logger.info({ instanceId: options.instanceId }, 'deregistered from the registry');
      } catch (error) {
        logger.warn(
          { reason: describe(error) },
          'deregistration failed; the instance expires with its TTL',
        );
      }
    },
    registered() {
      if (state === 'registered') {
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        waiters.push(resolve);
      });
    },
  };
}
