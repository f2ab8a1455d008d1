/**
 * What protection costs a service route: the same kit service served twice, once with the
 * resilience engine guarding its routes (statistics, a QPS flow rule, slow-call and error
 * breakers and a hot-parameter limit on the route, all set never to block) and once with
 * `protect: false`. Two routes: `GET /v1/users/{id}` running the users service's drizzle
 * query (a real route) and `GET /v1/ping/{id}` answering fixed JSON (the worst case: nothing
 * else to hide the cost behind). Served by @hono/node-server in this process and loaded by
 * autocannon in a worker thread, in mirrored rounds; then the same requests in process one at a
 * time, for the CPU each costs.
 *
 *   npm run bench:resilience-route -- --duration 5 --rounds 3 --connections 50 --warmup 3
 */
import { Writable } from 'node:stream';
import { createDb, type Database, newId } from '@trellis/db';
import {
  createLogger,
  createResilience,
  createRouter,
  createService,
  type ResilienceRulesInput,
} from '@trellis/kit';
import { findUserById } from '../services/users/src/repository/users.ts';
import { presentUser } from '../services/users/src/routes/users/present.ts';
import {
  benchOptions,
  cleanups,
  load,
  mean,
  printTable,
  type Run,
  runBenchmark,
  serveFetch,
  startDatabase,
} from './support.ts';

const { duration, connections, warmup, rounds } = benchOptions({
  duration: 5,
  connections: 50,
  warmup: 3,
  rounds: 3,
});

const benchRoutes = ['GET /v1/users/{id}', 'GET /v1/ping/{id}'];

/** On each route: a flow rule, a hot-parameter limit and two breakers, none ever blocking. */
const neverBlocking: ResilienceRulesInput = {
  flow: benchRoutes.map((resource) => ({ resource, threshold: 1e9 })),
  hotParams: benchRoutes.map((resource) => ({ resource, param: 'id', threshold: 1e9 })),
  breakers: benchRoutes.flatMap((resource) => [
    { resource, strategy: 'slow-call-ratio' as const, threshold: 1, slowCallRtMs: 60_000 },
    { resource, strategy: 'error-ratio' as const, threshold: 1 },
  ]),
  system: { maxInFlight: 1e6, maxEventLoopDelayMs: 10_000 },
};

const nullStream = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

function buildService(db: Database, protect: boolean) {
  const resilience = createResilience({ rules: neverBlocking });
  const app = createService({
    name: 'bench',
    version: 'bench',
    instanceId: protect ? 'bench-protected' : 'bench-unprotected',
    description: 'Resilience route benchmark.',
    // The real logger builds and serializes every access line; only the write is discarded.
    logger: createLogger({
      service: 'bench',
      instance: 'bench',
      level: 'info',
      destination: nullStream,
    }),
    deps: {},
    resilience,
    protect,
  });
  const router = createRouter();
  router.get('/v1/users/:id', async (c) => {
    const row = await findUserById(db, c.req.param('id'));
    return row ? c.json(presentUser(row)) : c.notFound();
  });
  router.get('/v1/ping/:id', (c) => c.json({ id: c.req.param('id'), ok: true }));
  app.route('/', router);
  return { app, resilience };
}

async function main(): Promise<void> {
  const databaseUrl = await startDatabase();
  const database = createDb(databaseUrl, { applicationName: 'trellis-bench' });
  cleanups.push(() => database.close());
  const id = newId('user');
  await database.sql`
    insert into users (id, email, name, status, roles)
    values (${id}, ${`bench-${Date.now()}@example.com`}, 'Bench Mark', 'active', '{}')`;
  cleanups.push(async () => {
    await database.sql`delete from users where id = ${id}`;
  });

  const unprotected = buildService(database.db, false);
  const guarded = buildService(database.db, true);
  const bases = {
    off: await serveFetch(unprotected.app.fetch),
    on: await serveFetch(guarded.app.fetch),
  };
  const routes = { 'GET /v1/users/{id}': `/v1/users/${id}`, 'GET /v1/ping/{id}': '/v1/ping/p_1' };

  const rows = [
    [
      'route',
      'unprotected req/s',
      'protected req/s',
      'median ratio',
      'ratio range',
      'p99 off ms',
      'p99 on ms',
    ],
  ];
  for (const [route, path] of Object.entries(routes)) {
    const runs: Record<'off' | 'on', Run[]> = { off: [], on: [] };
    for (const side of ['off', 'on'] as const) {
      await load(`${bases[side]}${path}`, { seconds: warmup, connections });
    }
    // Each round is a mirrored pair (off, on, on, off), so drift within it hits both sides
    // alike; the median of the rounds' ratios shrugs off a round a neighbour disturbed. (Loading
    // both at once would not do: closed-loop clients of one event loop get equal shares.)
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const pair: Record<'off' | 'on', Run[]> = { off: [], on: [] };
      for (const side of ['off', 'on', 'on', 'off'] as const) {
        const run = await load(`${bases[side]}${path}`, { seconds: duration, connections });
        runs[side].push(run);
        pair[side].push(run);
      }
      const ratio = mean(pair.on, 'rps') / mean(pair.off, 'rps');
      ratios.push(ratio);
      console.log(
        `${route} round ${round + 1}: off ${mean(pair.off, 'rps').toFixed(0)} req/s, ` +
          `on ${mean(pair.on, 'rps').toFixed(0)} req/s, ratio ${ratio.toFixed(3)}`,
      );
    }
    ratios.sort((a, b) => a - b);
    rows.push([
      route,
      mean(runs.off, 'rps').toFixed(0),
      mean(runs.on, 'rps').toFixed(0),
      `${(ratios[Math.floor(ratios.length / 2)] ?? Number.NaN).toFixed(3)}x`,
      `${(ratios[0] ?? Number.NaN).toFixed(3)}–${(ratios.at(-1) ?? Number.NaN).toFixed(3)}`,
      mean(runs.off, 'p99').toFixed(1),
      mean(runs.on, 'p99').toFixed(1),
    ]);
  }
  // The same requests in process, one at a time, without sockets or a load generator: the CPU
  // a request costs, which a shared machine's noise disturbs far less than throughput.
  const cpuRows = [
    [
      'in process, one at a time',
      'unprotected CPU µs/req',
      'protected CPU µs/req',
      'cost µs (medians)',
      'cost µs (bests)',
    ],
  ];
  for (const [route, path] of Object.entries(routes)) {
    const perRequest = { off: [] as number[], on: [] as number[] };
    const apps = { off: unprotected.app, on: guarded.app };
    for (let round = 0; round < 12; round++) {
      for (const side of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const count = route.includes('users') ? 1000 : 4000;
        const cpu = process.cpuUsage();
        for (let i = 0; i < count; i++) {
          const res = await apps[side].request(path);
          await res.arrayBuffer();
        }
        const used = process.cpuUsage(cpu);
        perRequest[side].push((used.user + used.system) / count);
      }
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    const off = median(perRequest.off);
    const on = median(perRequest.on);
    const best = Math.min(...perRequest.on) - Math.min(...perRequest.off);
    cpuRows.push([route, off.toFixed(1), on.toFixed(1), (on - off).toFixed(1), best.toFixed(1)]);
  }
  guarded.resilience.stop();
  unprotected.resilience.stop();
  // Proof the guard ran: every protected request passed through the engine.
  const passed = guarded.resilience.resources.snapshot('GET /v1/ping/{id}').minute.passed;
  console.log();
  printTable(rows);
  console.log();
  printTable(cpuRows);
  console.log(
    `\n${connections} connections; ${rounds} rounds of (off, on, on, off) × ${duration} s after ` +
      `${warmup} s warm-up; the protected ping route admitted ${passed} calls in its last minute; ` +
      `Node ${process.version}.`,
  );
}

await runBenchmark(main);
