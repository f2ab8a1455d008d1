import type { Logger } from '../logger.ts';
import { backoffDelay } from '../platform-call/backoff.ts';
import {
  createPlatformCaller,
  type PlatformAnswer,
  type PlatformCaller,
  type TokenSource,
} from '../platform-call/caller.ts';
import { describeFailure, UnexpectedStatus } from '../platform-call/failure.ts';

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
  /**
   * Resolves once the registry has accepted the instance (again after a 404); rejects if the
   * registration is stopped first.
   */
  registered(): Promise<void>;
  readonly state: RegistrationState;
}

/** Reads an answer's status and lets the body go; throws for any status not in `expected`. */
function expectStatus(...expected: number[]) {
  return (answer: PlatformAnswer): number => {
    if (!expected.includes(answer.status)) {
      throw answer.unexpected();
    }
    return answer.status;
  };
}

/** The registration loop of one instance; `createRegistration` hands out its public face. */
class InstanceRegistration implements Registration {
  state: RegistrationState = 'idle';
  private readonly registry: PlatformCaller;
  private readonly logger: Logger;
  private readonly ttlSeconds: number;
  private readonly heartbeatMs: number;
  private readonly retry: { initial: number; max: number };
  private readonly instancePath: string;
  // Aborts the register or heartbeat in flight when the instance stops.
  private readonly stopping = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private callsInFlight = 0;
  private failures = 0;
  private everRegistered = false;
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(private readonly options: RegistrationOptions) {
    this.ttlSeconds = options.ttlSeconds ?? 15;
    this.heartbeatMs = Math.max(100, Math.floor((this.ttlSeconds * 1000) / 3));
    this.retry = options.retryDelayMs ?? { initial: 250, max: Math.min(5000, this.heartbeatMs) };
    this.instancePath = `/v1/registry/instances/${encodeURIComponent(options.instanceId)}`;
    this.registry = createPlatformCaller({
      peer: 'the registry',
      baseUrl: options.registryUrl,
      token: options.token,
      fetch: options.fetch,
      timeoutMs: options.requestTimeoutMs ?? 2000,
    });
    this.logger = options.logger.child({ registry: options.registryUrl.replace(/\/+$/, '') });
  }

  // A method, not a field read, since `state` changes across the awaits of the loop.
  private stopped(): boolean {
    return this.state === 'stopped';
  }

  private async call(method: string, path: string, expected: number[], body?: unknown) {
    this.callsInFlight++;
    try {
      const options = { signal: this.stopping.signal, ...(body === undefined ? {} : { body }) };
      return await this.registry.call(method, path, options, expectStatus(...expected));
    } finally {
      this.callsInFlight--;
    }
  }

  private schedule(run: () => Promise<void>, ms: number) {
    if (this.stopped()) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void run(), ms);
    this.timer.unref?.();
  }

  private readonly register = async (): Promise<void> => {
    if (this.stopped()) {
      return;
    }
    this.state = 'registering';
    const { options } = this;
    try {
      await this.call('POST', '/v1/registry/instances', [200, 201], {
        service: options.service,
        instanceId: options.instanceId,
        address: options.address,
        version: options.version,
        labels: options.labels ?? {},
        weight: options.weight ?? 100,
        ttlSeconds: this.ttlSeconds,
      });
      this.onRegistered();
    } catch (error) {
      if (this.stopped()) {
        return;
      }
      this.failures++;
      const log = error instanceof UnexpectedStatus && error.status < 500 ? 'error' : 'warn';
      // One line when the registry goes away, then quiet until it is back.
      if (this.failures === 1 || log === 'error') {
        this.logger[log](
          { reason: describeFailure(error) },
          'registration failed; retrying in the background',
        );
      }
      this.schedule(this.register, backoffDelay(this.retry, this.failures));
    }
  };

  private onRegistered() {
    if (this.stopped()) {
      return;
    }
    this.state = 'registered';
    this.everRegistered = true;
    const { instanceId, address } = this.options;
    this.logger.info(
      { instanceId, address, afterFailures: this.failures },
      'registered in the registry',
    );
    this.failures = 0;
    for (const waiter of this.waiters.splice(0)) {
      waiter.resolve();
    }
    this.schedule(this.heartbeat, this.heartbeatMs);
  }

  private readonly heartbeat = async (): Promise<void> => {
    if (this.stopped()) {
      return;
    }
    try {
      const status = await this.call('PUT', `${this.instancePath}/heartbeat`, [204, 404]);
      if (status === 404) {
        this.logger.warn('the registry forgot this instance; registering again');
        this.failures = 0;
        await this.register();
        return;
      }
      if (this.failures > 0) {
        this.logger.info('heartbeats reach the registry again');
      }
      this.failures = 0;
      this.schedule(this.heartbeat, this.heartbeatMs);
    } catch (error) {
      if (this.stopped()) {
        return;
      }
      this.failures++;
      if (this.failures === 1) {
        this.logger.warn({ reason: describeFailure(error) }, 'heartbeat failed; retrying');
      }
      // Beat sooner than usual while failing, so a short outage does not cost the registration.
      const retryIn = backoffDelay(this.retry, this.failures);
      this.schedule(this.heartbeat, Math.min(this.heartbeatMs, retryIn));
    }
  };

  start(): void {
    if (this.state === 'idle') {
      void this.register();
    }
  }

  async stop(): Promise<void> {
    if (this.stopped()) {
      return;
    }
    // A registration cut off mid-flight may still have landed: deregister then too.
    const mayBeRegistered = this.everRegistered || this.callsInFlight > 0;
    this.state = 'stopped';
    clearTimeout(this.timer);
    this.stopping.abort();
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new Error('the registration stopped before the registry accepted it'));
    }
    if (mayBeRegistered) {
      await this.deregister();
    }
  }

  private async deregister(): Promise<void> {
    try {
      await this.registry.call('DELETE', this.instancePath, {}, expectStatus(204, 404));
      this.logger.info({ instanceId: this.options.instanceId }, 'deregistered from the registry');
    } catch (error) {
      this.logger.warn(
        { reason: describeFailure(error) },
        'deregistration failed; the instance expires with its TTL',
      );
    }
  }

  registered(): Promise<void> {
    if (this.state === 'registered') {
      return Promise.resolve();
    }
    if (this.stopped()) {
      return Promise.reject(new Error('the registration is stopped'));
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }
}

/**
 * Keeps one instance registered: registers (retrying with backoff while the registry is down),
 * heartbeats every ttl/3, registers again when a heartbeat answers 404, deregisters on stop.
 */
export function createRegistration(options: RegistrationOptions): Registration {
  const registration = new InstanceRegistration(options);
  return {
    get state() {
      return registration.state;
    },
    start: () => registration.start(),
    stop: () => registration.stop(),
    registered: () => registration.registered(),
  };
}
