/**
 * What protection costs a service route: the same kit service served twice, once with the
 * resilience engine guarding its routes (statistics, a QPS flow rule, slow-call and error
 * breakers and a hot-parameter limit on the route, all set never to block) and once with
 * `protect: false`. Two routes: `GET /v1/users/{id}` running the users service's drizzle
 * query (a real route) and `GET /v1/ping/{id}` answering fixed JSON (the worst case: nothing
 * else to hide the cost behind). Served by @hono/node-server in this process, loaded by
 * autocannon in a worker thread, runs mirrored so drift hits both alike.
 *
 *   npm run bench:resilience-route -- --duration 10 --connections 50 --warmup 3
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createDb, type Database, newId } from '@trellis/db';
import {
  createLogger,
  createResilience,
  createRouter,
  createService,
  type ResilienceRulesInput,
} from '@trellis/kit';
import { findUserById } from '../services/users/src/repository.ts';
import { presentUser } from '../services/users/src/routes/users/present.ts';
import {
  cleanups,
  load,
  positive,
  printTable,
  type Run,
  runBenchmark,
  serveFetch,
  startDatabase,
} from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const duration = positive('duration', args.duration ?? process.env.BENCH_DURATION, 10);
const connections = positive('connections', args.connections ?? process.env.BENCH_CONNECTIONS, 50);
const warmup = positive('warmup', args.warmup ?? process.env.BENCH_WARMUP, 3);

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

const mean = (runs: Run[], key: keyof Run) =>
  runs.reduce((sum, run) => sum + run[key], 0) / runs.length;

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
    ['route', 'unprotected req/s', 'protected req/s', 'ratio', 'p99 off ms', 'p99 on ms'],
  ];
  for (const [route, path] of Object.entries(routes)) {
    const runs: Record<'off' | 'on', Run[]> = { off: [], on: [] };
    for (const side of ['off', 'on'] as const) {
      await load(`${bases[side]}${path}`, { seconds: warmup, connections });
    }
    for (const side of ['off', 'on', 'on', 'off'] as const) {
      const run = await load(`${bases[side]}${path}`, { seconds: duration, connections });
      runs[side].push(run);
      console.log(
        `${route} ${side === 'on' ? 'protected  ' : 'unprotected'} ${run.rps.toFixed(0)} req/s`,
      );
    }
    rows.push([
      route,
      mean(runs.off, 'rps').toFixed(0),
      mean(runs.on, 'rps').toFixed(0),
      `${(mean(runs.on, 'rps') / mean(runs.off, 'rps')).toFixed(3)}x`,
      mean(runs.off, 'p99').toFixed(1),
      mean(runs.on, 'p99').toFixed(1),
    ]);
  }
  guarded.resilience.stop();
  unprotected.resilience.stop();
  // Proof the guard ran: every protected request passed through the engine.
  const passed = guarded.resilience.resources.snapshot('GET /v1/ping/{id}').minute.passed;
  console.log();
  printTable(rows);
  console.log(
    `\n${connections} connections, 2 runs of ${duration} s per side (off, on, on, off) after ` +
      `${warmup} s warm-up; the protected ping route admitted ${passed} calls in its last minute; ` +
      `Node ${process.version}.`,
  );
}

await runBenchmark(main);
