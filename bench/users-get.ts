/**
 * GET /v1/users/{id}: a bare Hono route returning a fixed JSON user (the baseline), the same
 * route doing the service's own drizzle query (the database's share), and the real users service
 * through the whole kit. All are served by @hono/node-server in this process; autocannon runs
 * in a worker thread so it does not share their event loop. The database is the Postgres at
 * DATABASE_URL (migrated; the one seeded user is deleted afterwards) or an embedded one started
 * in a temporary directory and removed at the end.
 *
 *   npm run bench -- --duration 10 --connections 50 --warmup 3
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=50 npm run bench
 */
import { Writable } from 'node:stream';
import { createDb } from '@trellis/db';
import { createLogger } from '@trellis/kit';
import { createTestUsers } from '@trellis/users/testing';
import { Hono } from 'hono';
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

const { duration, connections, warmup } = benchOptions({
  duration: 10,
  connections: 50,
  warmup: 3,
});

const targetNames = {
  bare: 'bare Hono, fixed JSON',
  query: 'bare Hono + same query',
  kit: 'kit users app',
} as const;
type Target = keyof typeof targetNames;
/** Each target measured twice, mirrored, so drift over the run hits all of them alike. */
const order: Target[] = ['bare', 'query', 'kit', 'kit', 'query', 'bare'];

function printSummary(runs: Record<Target, Run[]>): void {
  const base = runs.bare;
  const ratio = (runsOf: Run[], key: keyof Run) =>
    `${(mean(runsOf, key) / mean(base, key)).toFixed(2)}x`;
  const rows = [
    ['', 'req/s (mean)', 'p50 ms', 'p99 ms', 'req/s ratio', 'p50 ratio', 'p99 ratio'],
    ...(Object.keys(targetNames) as Target[]).map((target) => [
      targetNames[target],
      mean(runs[target], 'rps').toFixed(0),
      mean(runs[target], 'p50').toFixed(1),
      mean(runs[target], 'p99').toFixed(1),
      ratio(runs[target], 'rps'),
      ratio(runs[target], 'p50'),
      ratio(runs[target], 'p99'),
    ]),
  ];
  console.log();
  printTable(rows);
  console.log(
    `\nRatios are against the bare baseline (kit / baseline: ${ratio(runs.kit, 'rps')} the ` +
      `throughput). ${connections} connections; ${runs.bare.length} runs of ${duration} s per ` +
      `target in the order ${order.join(', ')}, after ${warmup} s warm-up each; ` +
      `Node ${process.version}.`,
  );
}

async function main(): Promise<void> {
  const databaseUrl = await startDatabase();
  const database = createDb(databaseUrl, { applicationName: 'trellis-bench' });
  cleanups.push(() => database.close());

  // The kit's real logger still builds, redacts and serializes every access line; only the
  // write is discarded, so the bench measures the service and not a terminal or a pipe.
  const nullStream = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  // Users as its tests build it (cheap password hashes), on the wall clock; every request to
  // it carries an admin's access token, verified as any caller's is.
  const users = createTestUsers({
    database,
    clock: {
      get now() {
        return new Date();
      },
    },
    logger: createLogger({
      service: 'users',
      instance: 'users-bench',
      level: 'info',
      destination: nullStream,
    }),
  });
  const { app } = users;
  // A key made here is sealed with the tests' key: it must not outlive the run.
  if (await users.keys.ensureSigner()) {
    const { kid } = await users.keys.signer();
    cleanups.push(async () => {
      await database.sql`delete from signing_keys where kid = ${kid}`;
      await database.sql`delete from security_events where subject = ${kid}`;
    });
  }
  const token = await users.tokenFor({ id: 'usr_'.padEnd(36, 'b'), roles: ['admin'] });

  const created = await app.request('/v1/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, name: 'Bench Mark' }),
  });
  if (created.status !== 201) {
    throw new Error(`seeding the user failed: ${created.status} ${await created.text()}`);
  }
  const { id } = (await created.json()) as { id: string };
  cleanups.push(async () => {
    await database.sql`delete from outbox where aggregate_id = ${id}`;
    await database.sql`delete from users where id = ${id}`;
  });
  const user = (await (
    await app.request(`/v1/users/${id}`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as Record<string, unknown>;

  const bare = new Hono();
  bare.get('/v1/users/:id', (c) => c.json(user));
  const query = new Hono();
  query.get('/v1/users/:id', async (c) => {
    const row = await findUserById(database.db, c.req.param('id'));
    return row ? c.json(presentUser(row)) : c.notFound();
  });

  const urls: Record<Target, string> = {
    bare: `${await serveFetch(bare.fetch)}/v1/users/${id}`,
    query: `${await serveFetch(query.fetch)}/v1/users/${id}`,
    kit: `${await serveFetch(app.fetch)}/v1/users/${id}`,
  };
  for (const target of Object.keys(targetNames) as Target[]) {
    console.log(`warming up ${targetNames[target]} for ${warmup} s`);
    await load(urls[target], { seconds: warmup, connections, token });
  }
  const runs: Record<Target, Run[]> = { bare: [], query: [], kit: [] };
  for (const target of order) {
    const run = await load(urls[target], { seconds: duration, connections, token });
    runs[target].push(run);
    console.log(
      `${targetNames[target].padEnd(24)} ${run.rps.toFixed(0).padStart(7)} req/s` +
        `   p50 ${run.p50} ms   p99 ${run.p99} ms`,
    );
  }
  printSummary(runs);
}

await runBenchmark(main);
