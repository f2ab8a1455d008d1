/**
 * Config delivery: a real config center (services/config/src/main.ts in a child process), 100
 * kit config clients watching it, spread over worker threads of this process so that, like
 * service instances, they do not all share one event loop (`--workers 1` puts them on one), and
 * N publishes made through its HTTP API by an operator. For every publish and every client it
 * measures publish-to-applied: from just before `POST …/releases` is sent to the client's
 * `onChange` running with the new values (the client has validated and applied them, and
 * queued its snapshot write and its report to the center, which it sends). Then config reads
 * per second: autocannon against `GET /v1/config/{ns}/{service}/effective` with the service's
 * token (secrets decrypted), against `/healthz` of the same center as the baseline.
 *
 * The database is the Postgres at DATABASE_URL (migrated; the bench's rows are deleted at the
 * end) or an embedded one started in a temporary directory and removed at the end.
 *
 *   npm run bench:config
 *   npm run bench:config -- --clients 100 --workers 4 --publishes 20 --spacing 250 --duration 10
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { serveTestJwks, trustEnvOf } from '@trellis/config/testing';
import { createDb } from '@trellis/db';
import { freePort } from '@trellis/db/embedded';
import { createTestIdentity } from '@trellis/kit/testing';
import type { WatchWorkerData, WatchWorkerMessage } from './config-watch-worker.ts';
import {
  benchOptions,
  cleanups,
  load,
  printTable,
  runBenchmark,
  startDatabase,
  startProcess,
} from './support.ts';

const options = benchOptions(
  {
    clients: 100,
    publishes: 20,
    spacing: 250,
    duration: 10,
    connections: 50,
    warmup: 3,
    workers: 4,
  },
  { spacing: 'BENCH_SPACING_MS' },
);
const clientCount = options.clients;
const publishCount = options.publishes;
const spacingMs = options.spacing;
const { duration, connections, warmup } = options;
const workerCount = Math.min(clientCount, options.workers);

const namespace = 'dev';
// Its own service name, so a bench against a shared database touches nothing else.
const service = 'bench-watch';
const mask = '••••••';
// Real Ed25519 keys made for the run: users' signing key (served as its JWKS) and the bench
// service's own key pair, which the center is told to trust.
const identity = await createTestIdentity();
const secrets = { CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
/** Milliseconds since the epoch, sub-millisecond and comparable across worker threads. */
const epochNow = () => performance.timeOrigin + performance.now();
/** On a shared server, the bench's own config rows are deleted at the end. */
function deleteBenchRows(url: string): void {
  const database = createDb(url, { applicationName: 'trellis-bench' });
  cleanups.push(async () => {
    await database.sql.begin(async (sql) => {
      for (const table of [
        'config_applied',
        'config_audit',
        'config_change_requests',
        'config_releases',
        'config_drafts',
        'config_schemas',
      ]) {
        await sql`delete from ${sql(table)} where service = ${service}`;
      }
    });
    await database.close();
  });
}

/** The center as `npm start` runs it, in its own process so it has an event loop of its own. */
async function startCenter(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const jwks = await serveTestJwks(identity);
  cleanups.push(() => jwks.close());
  const trust = await trustEnvOf(identity, jwks.url, [service]);
  const { url } = await startProcess('services/config/src/main.ts', port, {
    ...secrets,
    ...trust,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    INSTANCE_ID: 'config-bench',
  });
  return url;
}

function operatorToken(): Promise<string> {
  return identity.userToken({
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    email: 'bench@example.com',
    roles: ['operator'],
    ttlSeconds: 3600,
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const databaseUrl = await startDatabase(deleteBenchRows);
  const centerUrl = await startCenter(databaseUrl);
  const { privateJwk } = await identity.serviceKey(service);
  const serviceToken = await identity.serviceToken(service, 'config');
  const userToken = await operatorToken();
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-bench-snapshots-'));
  cleanups.push(() => rm(snapshotDir, { recursive: true, force: true }));

  // When each client applied each revision, epoch ms; filled in from the workers' messages.
  const applied: Map<number, number>[] = Array.from({ length: clientCount }, () => new Map());
  const workers: Worker[] = [];
  console.log(
    `starting ${clientCount} watching config clients in ${workerCount} worker threads ` +
      `against ${centerUrl}`,
  );
  // Worker threads do not inherit tsx's loader on Node 20; each registers it, then loads the
  // TypeScript worker module.
  const workerEntry = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(new URL('./config-watch-worker.ts', import.meta.url).href)});
  })().catch((error) => { console.error(error); process.exit(1); });`;
  const started: Promise<void>[] = [];
  for (let index = 0; index < workerCount; index++) {
    const first = Math.floor((index * clientCount) / workerCount);
    const count = Math.floor(((index + 1) * clientCount) / workerCount) - first;
    const data: WatchWorkerData = {
      centerUrl,
      namespace,
      service,
      privateJwk,
      snapshotDir,
      first,
      count,
    };
    const worker = new Worker(workerEntry, { eval: true, workerData: data });
    workers.push(worker);
    started.push(
      new Promise((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (message: WatchWorkerMessage) => {
          if (message.type === 'started') {
            resolve();
          } else if (message.type === 'applied') {
            applied[message.index]?.set(message.revision, message.at);
          }
        });
      }),
    );
  }
  cleanups.push(async () => {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.on('message', (message: WatchWorkerMessage) => {
              if (message.type === 'stopped') {
                void worker.terminate();
              }
            });
            worker.postMessage('stop');
          }),
      ),
    );
  });
  await Promise.all(started);

  const request = async (method: string, route: string, body: unknown) => {
    const res = await fetch(`${centerUrl}/v1/config/${namespace}/${service}${route}`, {
      method,
      headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
    }
    return JSON.parse(text) as { revision: number };
  };

  /** Publishes and waits for every client to apply; resolves with the latencies in ms. */
  const publish = async (values: Record<string, unknown>) => {
    await request('PUT', '/draft', { values });
    const started = epochNow();
    const { revision } = await request('POST', '/releases', { comment: 'bench' });
    const answered = epochNow() - started;
    const deadline = Date.now() + 10_000;
    while (applied.some((seen) => !seen.has(revision)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const missing = applied.filter((seen) => !seen.has(revision)).length;
    if (missing > 0) {
      throw new Error(`${missing} clients did not apply revision ${revision} within 10 s`);
    }
    return {
      answered,
      latencies: applied.map((seen) => (seen.get(revision) ?? Number.NaN) - started),
    };
  };

  // Not measured: every stream is surely open once all clients applied this one.
  await publish({ maxItemsPerOrder: 99, paymentProviderApiKey: `pk_bench_${Date.now()}` });
  console.log(`publishing ${publishCount} changes, ${spacingMs} ms apart`);
  const latencies: number[] = [];
  const answers: number[] = [];
  for (let index = 0; index < publishCount; index++) {
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
    const outcome = await publish({
      maxItemsPerOrder: 1 + (index % 98),
      paymentTimeoutMinutes: 30 + index,
      paymentProviderApiKey: mask,
    });
    latencies.push(...outcome.latencies);
    answers.push(outcome.answered);
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    console.log(
      `publish ${String(index + 1).padStart(2)}: answered in ${outcome.answered.toFixed(1)} ms; ` +
        `applied p50 ${percentile(sorted, 50).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
    );
  }

  const effectiveUrl = `${centerUrl}/v1/config/${namespace}/${service}/effective?instanceId=bench-reader`;
  const healthUrl = `${centerUrl}/healthz`;
  console.log(`warming up the read targets for ${warmup} s each`);
  await load(healthUrl, { seconds: warmup, connections });
  await load(effectiveUrl, { seconds: warmup, connections, token: serviceToken });
  const baseline = await load(healthUrl, { seconds: duration, connections });
  const reads = await load(effectiveUrl, { seconds: duration, connections, token: serviceToken });

  const sorted = [...latencies].sort((a, b) => a - b);
  const answersSorted = [...answers].sort((a, b) => a - b);
  const ms = (value: number) => value.toFixed(1);
  console.log();
  console.log(
    `Publish to applied: ${clientCount} clients × ${publishCount} publishes = ${sorted.length} samples`,
  );
  printTable([
    ['', 'p50 ms', 'p99 ms', 'max ms'],
    [
      'publish → applied, every client',
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? Number.NaN),
    ],
    [
      'publish request answered',
      ms(percentile(answersSorted, 50)),
      ms(percentile(answersSorted, 99)),
      ms(answersSorted.at(-1) ?? Number.NaN),
    ],
  ]);
  const p99 = percentile(sorted, 99);
  console.log(`Target p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'} (${ms(p99)} ms).`);
  console.log();
  console.log(
    `Config reads (${connections} connections, ${duration} s each, after ${warmup} s warm-up)`,
  );
  printTable([
    ['', 'req/s', 'p50 ms', 'p99 ms', 'req/s ratio'],
    [
      'GET /healthz (baseline)',
      baseline.rps.toFixed(0),
      ms(baseline.p50),
      ms(baseline.p99),
      '1.00x',
    ],
    [
      'GET …/effective, service token',
      reads.rps.toFixed(0),
      ms(reads.p50),
      ms(reads.p99),
      `${(reads.rps / baseline.rps).toFixed(2)}x`,
    ],
  ]);
  console.log(
    `\nNode ${process.version}, ${availableParallelism()} CPUs; the center in its own process, ` +
      `the clients in ${workerCount} worker threads of this one (each with its own event loop).`,
  );
}

await runBenchmark(main);
