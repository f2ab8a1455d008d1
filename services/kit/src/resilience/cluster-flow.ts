import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { type Clock, systemClock } from './clock.ts';
import { FLOW_PENDING, FLOW_REJECT, type FlowController, type FlowRule } from './flow-rule.ts';
import type { ResourceStats } from './sliding-window.ts';

export type ClusterFlowMode = 'redis' | 'fallback';

export interface ClusterFlowOptions {
  /**
   * The shared Redis. Best created with `enableOfflineQueue: false` and a short `commandTimeout`;
   * the controllers bound every call with their own timeout and skip a reconnecting client anyway.
   */
  redis: Redis;
  /** Prefix of the per-second keys; include the service name and namespace. */
  keyPrefix?: string;
  /** Instances sharing each cluster threshold, as the registry counts them; used without Redis. */
  instanceCount: () => number;
  logger?: Logger;
  onModeChange?: (mode: ClusterFlowMode) => void;
  /** The clock the engine passes to `check`; only its differences are used, never its origin. */
  clock?: Clock;
  /** The longest a lease may take before Redis counts as unreachable. */
  commandTimeoutMs?: number;
  /** How often a fallen-back factory asks Redis whether it answers again. */
  probeIntervalMs?: number;
}

export interface ClusterFlow {
  /** A controller for a `cluster: true` QPS rule, keyed by its resource (and caller). */
  controller(rule: FlowRule): FlowController;
  /** `redis` while leases succeed, `fallback` while each instance enforces its own share. */
  readonly mode: ClusterFlowMode;
  /** Stops probing and waits for leases in flight; the Redis client stays open (it is the caller's). */
  close(): Promise<void>;
}

export const DEFAULT_CLUSTER_FLOW_KEY_PREFIX = 'trellis:flow';
const DEFAULT_COMMAND_TIMEOUT_MS = 150;
const DEFAULT_PROBE_INTERVAL_MS = 1000;
const KEY_TTL_MS = 2000;
/** A lease covers about this many seconds of the instance's recent traffic. */
const LEASE_SECONDS = 0.1;
const MIN_LEASE_FRACTION = 0.05;
/** No lease takes more than this share of the cluster budget, so one instance cannot starve the rest. */
const MAX_LEASE_FRACTION = 0.25;

/**
 * Grants up to ARGV[1] tokens of the current second (Redis server time, so instances with skewed
 * clocks still share one key per second) out of a budget of ARGV[2]. Replies
 * `{granted, second, msIntoSecond, left}`. ARGV[1] = 0 only reads the time: the health probe.
 * The per-second key is built from KEYS[1]; its `{hash tag}` keeps it in KEYS[1]'s cluster slot.
 */
const LEASE_SCRIPT = `
local now = redis.call('TIME')
local second = tonumber(now[1])
local ms = math.floor(tonumber(now[2]) / 1000)
local want = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
if want <= 0 then
  return {0, second, ms, 0}
end
local key = KEYS[1] .. ':' .. second
local used = tonumber(redis.call('GET', key) or '0')
local grant = math.min(want, budget - used)
if grant <= 0 then
  return {0, second, ms, 0}
end
redis.call('INCRBY', key, grant)
redis.call('PEXPIRE', key, tonumber(ARGV[3]))
return {grant, second, ms, budget - used - grant}
`;
const LEASE_SCRIPT_SHA = createHash('sha1').update(LEASE_SCRIPT).digest('hex');

/** Client states in which a command would only wait in (or be refused by) the offline queue. */
const UNREACHABLE_STATUS = new Set(['reconnecting', 'close', 'end']);

interface LeaseReply {
  granted: number;
  second: number;
  msIntoSecond: number;
  left: number;
}

export function createClusterFlow(options: ClusterFlowOptions): ClusterFlow {
  const hub = new ClusterFlowHub(options);
  return {
    controller: (rule) => new ClusterFlowController(rule, hub),
    get mode() {
      return hub.mode;
    },
    close: () => hub.close(),
  };
}

/** What every controller of one factory shares: the Redis client, the mode and the probe. */
class ClusterFlowHub {
  mode: ClusterFlowMode = 'redis';
  closed = false;
  readonly clock: Clock;
  readonly keyPrefix: string;
  private readonly redis: Redis;
  private readonly timeoutMs: number;
  private readonly probeIntervalMs: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private probing = false;
  private readonly onReady = () => {
    void this.probe();
  };

  constructor(private readonly options: ClusterFlowOptions) {
    this.redis = options.redis;
    this.clock = options.clock ?? systemClock;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_CLUSTER_FLOW_KEY_PREFIX;
    this.timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.redis.on('ready', this.onReady);
  }

  /** True while controllers must decide locally: Redis is down, or the factory is closed. */
  get local(): boolean {
    return this.mode === 'fallback' || this.closed;
  }

  instanceCount(): number {
    const count = this.options.instanceCount();
    return Number.isFinite(count) && count >= 1 ? count : 1;
  }

  /** Leases tokens; null when Redis failed, in which case the hub has switched to fallback. */
  async lease(key: string, want: number, budget: number): Promise<LeaseReply | null> {
    if (this.local) {
      return null;
    }
    try {
      return await this.call(key, want, budget);
    } catch (error) {
      this.enterFallback(error);
      return null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopProbing();
    this.redis.off('ready', this.onReady);
    await Promise.allSettled([...this.inFlight]);
  }

  private call(key: string, want: number, budget: number): Promise<LeaseReply> {
    if (UNREACHABLE_STATUS.has(this.redis.status)) {
      return Promise.reject(new Error(`Redis connection is ${this.redis.status}`));
    }
    const reply = withTimeout(this.evalLease(key, want, budget), this.timeoutMs).then(parseReply);
    this.inFlight.add(reply);
    const forget = () => {
      this.inFlight.delete(reply);
    };
    reply.then(forget, forget);
    return reply;
  }

  private async evalLease(key: string, want: number, budget: number): Promise<unknown> {
    try {
      return await this.redis.evalsha(LEASE_SCRIPT_SHA, 1, key, want, budget, KEY_TTL_MS);
    } catch (error) {
      // A restarted (or flushed) Redis has lost its script cache; EVAL loads it again.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return await this.redis.eval(LEASE_SCRIPT, 1, key, want, budget, KEY_TTL_MS);
      }
      throw error;
    }
  }

  private enterFallback(error: unknown): void {
    if (this.mode === 'fallback' || this.closed) {
      return;
    }
    this.mode = 'fallback';
    this.options.logger?.warn(
      { err: error, instances: this.instanceCount() },
      'cluster flow: Redis unreachable, each instance enforces threshold / instances',
    );
    this.notify('fallback');
    this.probeTimer = setInterval(() => void this.probe(), this.probeIntervalMs);
    this.probeTimer.unref?.();
  }

  private async probe(): Promise<void> {
    if (this.probing || this.mode === 'redis' || this.closed) {
      return;
    }
    this.probing = true;
    let reply: LeaseReply;
    try {
      reply = await this.call(`${this.keyPrefix}:{probe}`, 0, 0);
    } catch {
      this.probing = false;
      return;
    }
    this.stopProbing();
    // Redis's count for the running second knows nothing of what this instance admitted on its
    // own share, so switching now could admit a share plus a whole budget. Wait for the next
    // Redis second (still probing-guarded so no second switch is scheduled).
    const wait = Math.max(0, 1000 - reply.msIntoSecond);
    const resume = setTimeout(() => {
      this.probing = false;
      if (this.mode === 'fallback' && !this.closed) {
        this.mode = 'redis';
        this.options.logger?.info('cluster flow: Redis answers again, cluster thresholds apply');
        this.notify('redis');
      }
    }, wait);
    (resume as { unref?: () => void }).unref?.();
  }

  private stopProbing(): void {
    if (this.probeTimer !== null) {
      clearInterval(this.probeTimer);
      this.probeTimer = null;
    }
  }

  private notify(mode: ClusterFlowMode): void {
    try {
      this.options.onModeChange?.(mode);
    } catch (error) {
      this.options.logger?.error({ err: error }, 'cluster flow: onModeChange listener failed');
    }
  }
}

/**
 * Spends tokens leased from Redis for one cluster-wide second. The pool belongs to one Redis
 * second; its end is estimated on the local clock from the send time of the lease, which can
 * only be early, so a token is never spent after its second is over.
 */
class ClusterFlowController implements FlowController {
  retryAfterMs = 0;
  private readonly key: string;
  private readonly budget: number;
  private readonly minLease: number;
  private readonly maxLease: number;
  private tokens = 0;
  private second = -1;
  private expiresAt = Number.NEGATIVE_INFINITY;
  /** The cluster budget of `second` is spent: reject once the pool is empty, without asking. */
  private exhausted = false;
  private lowWater = 1;
  private pending: Promise<void> | null = null;

  constructor(
    readonly rule: FlowRule,
    private readonly hub: ClusterFlowHub,
  ) {
    const callerPart = rule.caller === '*' ? '' : `:caller:${rule.caller}`;
    this.key = `${hub.keyPrefix}:{${rule.resource}}${callerPart}`;
    this.budget = Math.floor(rule.threshold);
    this.minLease = Math.max(1, Math.ceil(this.budget * MIN_LEASE_FRACTION));
    this.maxLease = Math.max(this.minLease, Math.floor(this.budget * MAX_LEASE_FRACTION));
  }

  check(now: number, stats: ResourceStats): number {
    if (this.budget <= 0) {
      this.retryAfterMs = 1000;
      return FLOW_REJECT;
    }
    if (this.hub.local) {
      return this.checkShare(now, stats);
    }
    if (now >= this.expiresAt) {
      this.tokens = 0;
      this.exhausted = false;
    }
    if (this.tokens > 0) {
      this.tokens--;
      if (this.tokens < this.lowWater && !this.exhausted) {
        this.refill(now, stats);
      }
      return 0;
    }
    if (this.exhausted) {
      this.retryAfterMs = Math.max(1, Math.ceil(this.expiresAt - now));
      return FLOW_REJECT;
    }
    this.refill(now, stats);
    return FLOW_PENDING;
  }

  ready(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  private checkShare(now: number, stats: ResourceStats): number {
    const share = this.rule.threshold / this.hub.instanceCount();
    if (stats.passQps(now) + 1 <= share) {
      return 0;
    }
    this.retryAfterMs = Math.ceil(stats.second.msUntilRelease(now, 0)) || 1;
    return FLOW_REJECT;
  }

  private refill(now: number, stats: ResourceStats): void {
    if (this.pending !== null) {
      return;
    }
    const recent = Math.ceil(stats.passQps(now) * LEASE_SECONDS);
    const want = Math.min(this.maxLease, Math.max(this.minLease, recent));
    this.lowWater = Math.ceil(want / 4);
    this.pending = this.lease(want).finally(() => {
      this.pending = null;
    });
  }

  private async lease(want: number): Promise<void> {
    const sentAt = this.hub.clock();
    const reply = await this.hub.lease(this.key, want, this.budget);
    if (reply === null || reply.second < this.second) {
      return;
    }
    if (reply.second > this.second) {
      this.second = reply.second;
      this.tokens = 0;
      this.expiresAt = Number.NEGATIVE_INFINITY;
    }
    // Each estimate is a lower bound of the second's end, so the latest one is the tightest.
    this.expiresAt = Math.max(this.expiresAt, sentAt + 1000 - reply.msIntoSecond);
    this.tokens += reply.granted;
    this.exhausted = reply.left <= 0;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function parseReply(reply: unknown): LeaseReply {
  if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((n) => typeof n === 'number')) {
    throw new Error(`unexpected lease reply: ${JSON.stringify(reply)}`);
  }
  const [granted, second, msIntoSecond, left] = reply as [number, number, number, number];
  return { granted, second, msIntoSecond, left };
}
