import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/resilience/clock.ts';
import {
  type ClusterFlow,
  type ClusterFlowMode,
  createClusterFlow,
} from '../../src/resilience/cluster-flow.ts';
import {
  FLOW_PENDING,
  FLOW_REJECT,
  type FlowController,
  FlowRuleSchema,
} from '../../src/resilience/flow-rule.ts';
import { ResourceStats } from '../../src/resilience/sliding-window.ts';
import { captureLogger } from '../../src/testing.ts';
import { type RedisServer, startRedisServer } from '../redis-server.ts';

const COMMAND_TIMEOUT_MS = 150;
/** The client options the platform should use for the shared connection. */
const RECOMMENDED: RedisOptions = {
  enableOfflineQueue: false,
  commandTimeout: COMMAND_TIMEOUT_MS,
  maxRetriesPerRequest: 1,
  retryStrategy: () => 100,
};

let server: RedisServer;
const opened: Redis[] = [];
const flows: ClusterFlow[] = [];
let resourceSeq = 0;

beforeAll(async () => {
  server = await startRedisServer();
});

afterEach(async () => {
  await Promise.all(flows.splice(0).map((flow) => flow.close()));
  for (const redis of opened.splice(0)) {
    redis.disconnect();
  }
  if (!server.running) {
    await server.start();
  }
});

afterAll(async () => {
  await server?.stop();
});

async function connect(options: RedisOptions = RECOMMENDED): Promise<Redis> {
  const redis = new Redis(server.url, { ...options, lazyConnect: true });
  redis.on('error', () => {});
  opened.push(redis);
  await redis.connect();
  return redis;
}

interface Instance {
  flow: ClusterFlow;
  controller: FlowController;
  stats: ResourceStats;
  clock: Clock;
  modes: ClusterFlowMode[];
  lines: Record<string, unknown>[];
}

async function instance(
  threshold: number,
  options: { resource: string; clock?: Clock; client?: RedisOptions; instances?: number },
): Promise<Instance> {
  const redis = await connect(options.client);
  const clock = options.clock ?? (() => performance.now());
  const modes: ClusterFlowMode[] = [];
  const { logger, lines } = captureLogger('orders');
  const flow = createClusterFlow({
    redis,
    keyPrefix: 'trellis:flow:orders:test',
    instanceCount: () => options.instances ?? 2,
    logger,
    clock,
    commandTimeoutMs: COMMAND_TIMEOUT_MS,
    onModeChange: (mode) => modes.push(mode),
  });
  flows.push(flow);
  const rule = FlowRuleSchema.parse({ resource: options.resource, threshold, cluster: true });
  return {
    flow,
    controller: flow.controller(rule),
    stats: new ResourceStats(),
    clock,
    modes,
    lines,
  };
}

function uniqueResource(): string {
  resourceSeq++;
  return `POST /v1/orders/${process.pid}-${Date.now()}-${resourceSeq}`;
}

/** One call the way the engine makes it: check, and while pending, wait for the lease and recheck. */
async function call(inst: Instance): Promise<{ result: number; waitedMs: number }> {
  const started = performance.now();
  let now = inst.clock();
  let result = inst.controller.check(now, inst.stats);
  while (result === FLOW_PENDING) {
    await inst.controller.ready?.();
    now = inst.clock();
    result = inst.controller.check(now, inst.stats);
  }
  if (result >= 0) {
    inst.stats.addPass(now);
    inst.stats.addExit(now, 0, false);
  }
  return { result, waitedMs: performance.now() - started };
}

interface Flood {
  /** Admitted calls by wall-clock epoch second. */
  admitted: Map<number, number>;
  calls: number;
  maxWaitMs: number;
  errors: unknown[];
  stop(): Promise<void>;
}

/** `workers` concurrent callers hammering one instance until stopped. */
function flood(inst: Instance, workers = 4): Flood {
  let running = true;
  const state: Flood = {
    admitted: new Map(),
    calls: 0,
    maxWaitMs: 0,
    errors: [],
    stop: async () => {
      running = false;
      await done;
    },
  };
  const worker = async () => {
    while (running) {
      try {
        const { result, waitedMs } = await call(inst);
        state.maxWaitMs = Math.max(state.maxWaitMs, waitedMs);
        if (result >= 0) {
          const second = Math.floor(Date.now() / 1000);
          state.admitted.set(second, (state.admitted.get(second) ?? 0) + 1);
        }
      } catch (error) {
        state.errors.push(error);
      }
      state.calls++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return state;
}

function admittedIn(floods: Flood[], second: number): number {
  return floods.reduce((sum, f) => sum + (f.admitted.get(second) ?? 0), 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sleeps until `offsetMs` into the next wall-clock second and returns that second. */
async function nextSecond(offsetMs = 0): Promise<number> {
  const second = Math.floor(Date.now() / 1000) + 1;
  await sleep(second * 1000 + offsetMs - Date.now());
  return second;
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await sleep(5);
  }
  return Date.now() - started;
}

/** Script calls Redis has served since the last reset: one per round trip of a lease. */
async function scriptCalls(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) {
    calls += Number(match[1]);
  }
  return calls;
}

describe('cluster flow through Redis', () => {
  it('shares one threshold between two instances whose clocks disagree, leasing in batches', async ({
    annotate,
  }) => {
    const N = 400;
    const resource = uniqueResource();
    // One instance counts from process start, the other from a wall clock 1.5 s fast: the
    // seconds come from Redis, so neither the origin nor the skew may matter.
    const a = await instance(N, { resource });
    const b = await instance(N, { resource, clock: () => Date.now() + 1500 });
    const admin = await connect();
    await admin.config('RESETSTAT');

    const floods = [flood(a), flood(b)];
    const first = await nextSecond();
    await nextSecond();
    await nextSecond();
    await nextSecond(50);
    await Promise.all(floods.map((f) => f.stop()));
    const roundTrips = await scriptCalls(admin);

    const seconds = [first, first + 1, first + 2];
    const perSecond = seconds.map((s) => admittedIn(floods, s));
    const admitted = floods.reduce(
      (sum, f) => sum + [...f.admitted.values()].reduce((x, y) => x + y, 0),
      0,
    );
    const calls = floods.reduce((sum, f) => sum + f.calls, 0);
    const [shareA, shareB] = floods.map(
      (f) => seconds.reduce((sum, s) => sum + (f.admitted.get(s) ?? 0), 0) / seconds.length,
    );
    await annotate(
      `cluster N=${N}/s: admitted per second ${perSecond.join(', ')} (a ≈ ${shareA}, b ≈ ${shareB}); ` +
        `${roundTrips} round trips for ${admitted} admitted of ${calls} calls ` +
        `(${(roundTrips / admitted).toFixed(3)} per admitted call, ${(roundTrips / calls).toFixed(5)} per call)`,
    );

    for (const count of perSecond) {
      expect(count).toBeGreaterThanOrEqual(N * 0.9);
      expect(count).toBeLessThanOrEqual(N * 1.1);
    }
    expect(shareA).toBeGreaterThan(N * 0.25);
    expect(shareB).toBeGreaterThan(N * 0.25);
    expect(roundTrips).toBeLessThan(admitted / 5);
    expect(roundTrips).toBeLessThan(calls / 100);
    expect(floods.flatMap((f) => f.errors)).toEqual([]);
    expect(a.modes).toEqual([]);
    expect(b.modes).toEqual([]);
  }, 15_000);

  // Real seconds on a shared machine: a stall can push the flood past its second, so retry.
  it('rejects for the rest of a spent second without asking Redis again', {
    retry: 2,
  }, async () => {
    const resource = uniqueResource();
    const inst = await instance(50, { resource, instances: 1 });
    const admin = await connect();

    const second = await nextSecond(30);
    let admitted = 0;
    let outcome = await call(inst);
    while (outcome.result >= 0) {
      admitted++;
      outcome = await call(inst);
    }
    expect(Math.floor(Date.now() / 1000)).toBe(second);
    expect(admitted).toBe(50);

    const before = await scriptCalls(admin);
    const retries: number[] = [];
    while (Date.now() < second * 1000 + 700) {
      expect(inst.controller.check(inst.clock(), inst.stats)).toBe(FLOW_REJECT);
      retries.push(inst.controller.retryAfterMs - (second * 1000 + 1000 - Date.now()));
      await sleep(2);
    }
    expect(await scriptCalls(admin)).toBe(before);
    expect(Math.min(...retries)).toBeGreaterThan(-100);
    expect(Math.max(...retries)).toBeLessThanOrEqual(5);

    await nextSecond(10);
    expect((await call(inst)).result).toBe(0);
  });

  it('sizes a lease to a tenth of a second of recent traffic, within 5% and 25% of the threshold', async () => {
    const admin = await connect();
    const leased = async (recentPasses: number) => {
      const resource = uniqueResource();
      const inst = await instance(4000, { resource, instances: 1 });
      const now = inst.clock();
      for (let i = 0; i < recentPasses; i++) {
        inst.stats.addPass(now);
      }
      expect(inst.controller.check(now, inst.stats)).toBe(FLOW_PENDING);
      await inst.controller.ready?.();
      const keys = await admin.keys(`trellis:flow:orders:test:{${resource}}:*`);
      const values = await Promise.all(keys.map((key) => admin.get(key)));
      return values.reduce((sum, value) => sum + Number(value), 0);
    };

    expect(await leased(0)).toBe(200);
    expect(await leased(3000)).toBe(300);
    expect(await leased(9000)).toBe(900);
    expect(await leased(30_000)).toBe(1000);
  });

  it('discards tokens leased for a second that is over', async () => {
    const resource = uniqueResource();
    const inst = await instance(100, { resource, instances: 1 });
    const admin = await connect();

    const second = await nextSecond(30);
    expect(inst.controller.check(inst.clock(), inst.stats)).toBe(FLOW_PENDING);
    await inst.controller.ready?.();
    expect(inst.controller.check(inst.clock(), inst.stats)).toBe(0);
    const key = `trellis:flow:orders:test:{${resource}}`;
    expect(await admin.get(`${key}:${second}`)).toBe('5');
    expect(await admin.pttl(`${key}:${second}`)).toBeGreaterThan(1000);

    await nextSecond(30);
    expect(inst.controller.check(inst.clock(), inst.stats)).toBe(FLOW_PENDING);
    await inst.controller.ready?.();
    expect(inst.controller.check(inst.clock(), inst.stats)).toBe(0);
    expect(await admin.get(`${key}:${second + 1}`)).toBe('5');
  });

  it('falls back to threshold / instances when Redis dies and returns to it when it is back', async ({
    annotate,
  }) => {
    const N = 400;
    const resource = uniqueResource();
    const a = await instance(N, { resource });
    const b = await instance(N, { resource });
    const floods = [flood(a), flood(b)];
    await sleep(1200);

    await server.stop();
    const switchMs = await waitFor(
      () => a.flow.mode === 'fallback' && b.flow.mode === 'fallback',
      3000,
    );
    // Skip the second of the switch: passes leased from Redis still fill its sliding window.
    await nextSecond();
    const fallbackFirst = await nextSecond();
    await nextSecond();
    await nextSecond(20);
    const fallbackShares = floods.map(
      (f) => ((f.admitted.get(fallbackFirst) ?? 0) + (f.admitted.get(fallbackFirst + 1) ?? 0)) / 2,
    );

    await server.start();
    const recoverMs = await waitFor(() => a.flow.mode === 'redis' && b.flow.mode === 'redis', 3000);
    const clusterSecond = await nextSecond();
    await nextSecond(20);
    await Promise.all(floods.map((f) => f.stop()));
    const clusterTotal = admittedIn(floods, clusterSecond);

    await annotate(
      `fallback after ${switchMs} ms, per instance ${fallbackShares.join(' / ')} per second ` +
        `(share ${N / 2}); recovered ${recoverMs} ms after restart, then ${clusterTotal}/s (N=${N}); ` +
        `longest call ${Math.max(...floods.map((f) => f.maxWaitMs)).toFixed(1)} ms`,
    );
    expect(switchMs).toBeLessThan(1500);
    for (const share of fallbackShares) {
      expect(share).toBeGreaterThanOrEqual((N / 2) * 0.9);
      expect(share).toBeLessThanOrEqual((N / 2) * 1.1);
    }
    expect(recoverMs).toBeLessThan(1500);
    expect(clusterTotal).toBeGreaterThanOrEqual(N * 0.9);
    expect(clusterTotal).toBeLessThanOrEqual(N * 1.1);
    for (const f of floods) {
      expect(f.errors).toEqual([]);
      expect(f.maxWaitMs).toBeLessThan(COMMAND_TIMEOUT_MS + 100);
    }
    for (const inst of [a, b]) {
      expect(inst.modes).toEqual(['fallback', 'redis']);
      expect(inst.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
      expect(inst.lines.filter((l) => l.level === 'info')).toHaveLength(1);
    }
  }, 15_000);

  it('bounds every call by the command timeout when Redis hangs, whatever the client options', async ({
    annotate,
  }) => {
    const N = 400;
    const resource = uniqueResource();
    const a = await instance(N, { resource });
    // Offline queue on, no command timeout, twenty retries: the controller must not rely on them.
    const b = await instance(N, { resource, client: {} });
    const floods = [flood(a), flood(b)];
    await sleep(500);

    server.freeze();
    const switchMs = await waitFor(
      () => a.flow.mode === 'fallback' && b.flow.mode === 'fallback',
      3000,
    );
    await sleep(1000);
    server.thaw();
    const recoverMs = await waitFor(() => a.flow.mode === 'redis' && b.flow.mode === 'redis', 3000);
    await sleep(300);
    await Promise.all(floods.map((f) => f.stop()));

    const longest = Math.max(...floods.map((f) => f.maxWaitMs));
    await annotate(
      `frozen Redis: fallback after ${switchMs} ms, longest call ${longest.toFixed(1)} ms, ` +
        `recovered ${recoverMs} ms after thaw`,
    );
    expect(switchMs).toBeLessThan(1500);
    expect(recoverMs).toBeLessThan(1500);
    expect(longest).toBeLessThan(COMMAND_TIMEOUT_MS + 100);
    expect(floods.flatMap((f) => f.errors)).toEqual([]);
  }, 15_000);
});
