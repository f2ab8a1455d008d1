/**
 * What identity costs on `GET /v1/users/{id}`, in one run, with the baselines measured in it:
 *
 * - Authentication. Two kit services built alike (`createService`: request ids, access log,
 *   RED metrics, the identify middleware, the resilience engine), each serving users' own
 *   route handler (`registerRead` with users' repository read, `findUserById`'s prepared query,
 *   and presenter). One declares the route `access: { public: true }` and is called with no
 *   credentials: the same work minus authentication. The other is users' own `getUserRoute`
 *   and `registerGetUser` (access `{ owner, role: 'operator', services }`), called with the
 *   user's real EdDSA access token, signed by the users service at sign-in and verified as
 *   every service but users verifies one, against users' JWKS over HTTP. A third serves the
 *   same with the kit's verified-token cache off (`verifiedTokenCacheSize: 0`): what the cache
 *   saves is the difference.
 * - The gateway. The users service itself (services/users/src/main.ts, as `npm start` runs it,
 *   without a config center) called directly with the user's token, against the gateway
 *   (bench/identity-gateway.ts: the gateway app as the kit wires it) in front of that same
 *   users process, called with an API key (scope `users:read`) and the same token. The
 *   gateway verifies both (each cached), passes its rules, forwards with its own service token
 *   and the user's over the kit's `createNodeFetch` (node:http, kept-alive connections) as
 *   `npm start`'s does, and users verifies those. Three references against the same baseline:
 *   the gateway sending its calls with Node's own fetch instead; a minimal gateway written on
 *   node:http (bench/identity-minimal-gateway.ts: the same token and key checks, access log and
 *   metric, nothing else); and a bare node:http proxy (bench/identity-bare-proxy.ts) that only
 *   passes the call on: what the hop itself costs here, before any of the gateway's own work.
 *
 * Who shares what: the machine has few cores, and everything below shares them. This process
 * serves the three kit targets on its main thread, one loaded at a time, and runs autocannon
 * in a worker thread; users, the three gateways and the bare proxy are processes of their own,
 * with event loops of their own; Postgres is embedded (or DATABASE_URL). A call through the
 * gateway costs the gateway's CPU out of the same cores that users, Postgres and autocannon
 * need, so its ratio is what one host gives, not the gateway's latency alone; the CPU time per
 * request of users and of what stands in front of it, read from /proc, tells the two apart.
 * All targets are loaded in rounds, each round in the order of the table and then mirrored, so
 * drift over the run hits all of them alike; ratios are of means against the baseline named.
 *
 * The database is an embedded Postgres started in a temporary directory and removed at the
 * end, or the one at DATABASE_URL (migrated; the bench's users, sessions, key and audit rows are
 * deleted afterwards; users' signing keys there must be sealed with TOKEN_KEY_ENCRYPTION_KEY).
 *
 *   npm run bench:identity -- --duration 10 --connections 50 --warmup 3 --rounds 1
 *
 * BENCH_TARGETS=gateway,minimal runs only the targets named, with their baselines.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { createDb, type DbHandle } from '@trellis/db';
import { freePort } from '@trellis/db/embedded';
import {
  assertOwns,
  createLogger,
  createService,
  generateServiceKey,
  type IdentitySettings,
  identityFromEnv,
  readRoute,
  registerRead,
  type ServiceApp,
  type ServiceKeyPair,
  trustSetOf,
} from '@trellis/kit';
import type { UsersDeps } from '@trellis/users';
import { UserNotFound } from '../services/users/src/domain.ts';
import { findUserById } from '../services/users/src/repository/users.ts';
import { registerGetUser } from '../services/users/src/routes/users/get.ts';
import { presentUser } from '../services/users/src/routes/users/present.ts';
import { UserParamsSchema, UserSchema } from '../services/users/src/routes/users/schema.ts';
import {
  benchOptions,
  cleanups,
  cpuSeconds,
  load,
  mean,
  printTable,
  type Run,
  runBenchmark,
  serveFetch,
  startDatabase,
  startProcess,
} from './support.ts';

const { duration, connections, warmup, rounds } = benchOptions({
  duration: 10,
  connections: 50,
  warmup: 3,
  rounds: 1,
});

const targetNames = {
  open: 'kit route, public, no credentials',
  token: "kit route, users' access, user token",
  uncached: '  same, verified-token cache off',
  direct: 'users service, user token',
  gateway: 'gateway → users, API key + token',
  builtin: "  same, upstream with Node's own fetch",
  minimal: 'minimal node:http gateway, same checks',
  bare: 'bare node:http proxy → users, token',
} as const;
type Target = keyof typeof targetNames;
const allTargets = Object.keys(targetNames) as Target[];
/** What each target's ratio is taken against. */
const baselineOf: Record<Target, Target> = {
  open: 'open',
  token: 'open',
  uncached: 'open',
  direct: 'direct',
  gateway: 'direct',
  builtin: 'direct',
  minimal: 'direct',
  bare: 'direct',
};
const chosen = process.env.BENCH_TARGETS?.split(',') ?? allTargets;
const targets = allTargets.filter((target) =>
  chosen.some((name) => name === target || baselineOf[name as Target] === target),
);
const order: Target[] = Array.from({ length: rounds }, () => [
  ...targets,
  ...[...targets].reverse(),
]).flat();

/** The users process's secrets; the bench holds every key, as `npm start` does. */
interface Keys {
  users: ServiceKeyPair;
  gateway: ServiceKeyPair;
  trust: string;
}

async function makeKeys(): Promise<Keys> {
  const users = await generateServiceKey('users');
  const gateway = await generateServiceKey('gateway');
  return { users, gateway, trust: JSON.stringify(trustSetOf([users, gateway])) };
}

/** Sends JSON to a running service; throws unless it answers `status`. */
async function send<T>(
  url: string,
  route: string,
  body: unknown,
  status: number,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`POST ${route} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

interface Account {
  id: string;
  token: string;
}

/** Signs up through users (a member), optionally made admin in the database, and signs in. */
async function account(
  usersUrl: string,
  database: DbHandle,
  label: string,
  admin = false,
): Promise<Account> {
  const email = `bench-${label}-${Date.now()}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const { id } = await send<{ id: string }>(
    usersUrl,
    '/v1/users',
    { email, name: `Bench ${label}`, password },
    201,
  );
  cleanups.push(() => deleteAccount(database, id));
  if (admin) {
    await database.sql`update users set roles = '{member,admin}' where id = ${id}`;
  }
  const session = await send<{ accessToken: string }>(
    usersUrl,
    '/v1/sessions',
    { email, password },
    201,
  );
  return { id, token: session.accessToken };
}

async function deleteAccount(database: DbHandle, id: string): Promise<void> {
  await database.sql.begin(async (sql) => {
    await sql`delete from security_events where actor = ${id} or subject = ${id}`;
    await sql`delete from user_sessions where user_id = ${id}`;
    await sql`delete from outbox where aggregate_id = ${id}`;
    await sql`delete from users where id = ${id}`;
  });
}

/** An API key for reading users, made by an admin through users, as a consumer is given one. */
async function apiKey(usersUrl: string, database: DbHandle, admin: Account): Promise<string> {
  const made = await send<{ id: string; key: string }>(
    usersUrl,
    '/v1/api-keys',
    { name: 'bench', scopes: ['users:read'] },
    201,
    admin.token,
  );
  cleanups.push(async () => {
    await database.sql`delete from security_events where subject = ${made.id}`;
    await database.sql`delete from api_keys where id = ${made.id}`;
  });
  return made.key;
}

/** Users' signing keys made by this run are deleted with it. */
async function forgetNewSigningKeys(database: DbHandle): Promise<void> {
  const before = (await database.sql<{ kid: string }[]>`select kid from signing_keys`).map(
    (row) => row.kid,
  );
  cleanups.push(async () => {
    await database.sql`delete from signing_keys where kid <> all(${before})`;
  });
}

const nullStream = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

/**
 * A kit service serving users' GET /v1/users/{id} handler: users' own route declaration, or
 * the same handler declared public. Its real logger still builds every access line; only the
 * write is discarded.
 */
function kitUsersGet(database: DbHandle, identity: IdentitySettings, open: boolean) {
  const app = createService<Pick<UsersDeps, 'db'>>({
    name: 'users',
    version: 'bench',
    instanceId: 'users-bench',
    description: 'GET /v1/users/{id} alone.',
    logger: createLogger({
      service: 'users',
      instance: 'users-bench',
      level: 'info',
      destination: nullStream,
    }),
    deps: { db: database.db },
    identity,
  });
  if (!open) {
    // Users' handler reads nothing of its deps but `db`.
    registerGetUser(app as unknown as ServiceApp<UsersDeps>);
    return app;
  }
  const route = readRoute({
    operationId: 'users.get',
    summary: 'Get a user',
    access: { public: true },
    params: UserParamsSchema,
    answer: { schema: UserSchema, description: 'The user.' },
  });
  registerRead(app, route, {
    read: ({ db }, id, c) => {
      assertOwns(c, id, 'an account');
      return findUserById(db, id);
    },
    notFound: (id) => new UserNotFound(id),
    present: presentUser,
  });
  return app;
}

async function startUsers(databaseUrl: string, keys: Keys) {
  return startProcess('services/users/src/main.ts', await freePort(), {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    INSTANCE_ID: 'users-bench',
    TOKEN_KEY_ENCRYPTION_KEY:
      process.env.TOKEN_KEY_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // Sign-ins are not measured: cheap hashes start the bench sooner.
    PASSWORD_ITERATIONS: '1000',
    SERVICE_PRIVATE_KEY: JSON.stringify(keys.users.privateJwk),
    SERVICE_PUBLIC_KEYS: keys.trust,
  });
}

async function startGateway(
  databaseUrl: string,
  usersUrl: string,
  keys: Keys,
  upstreamFetch: 'kit' | 'global',
) {
  return startProcess('bench/identity-gateway.ts', await freePort(), {
    ...(upstreamFetch === 'global' ? { BENCH_UPSTREAM_FETCH: 'global' } : {}),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    INSTANCE_ID: `gateway-bench-${upstreamFetch}`,
    USERS_URL: usersUrl,
    JWKS_URL: `${usersUrl}/.well-known/jwks.json`,
    SERVICE_PRIVATE_KEY: JSON.stringify(keys.gateway.privateJwk),
    SERVICE_PUBLIC_KEYS: keys.trust,
  });
}

interface Setup {
  urls: Record<Target, string>;
  headers: Record<Target, Record<string, string>>;
  /** The users process, and the process in front of it, if any, whose CPU time is counted. */
  pids: Record<Target, { users?: number; front?: number }>;
}

/** CPU microseconds per request users and the process in front of it spent, in one run. */
interface CpuPerRequest {
  users: number;
  front: number;
}

async function setUp(): Promise<Setup> {
  const databaseUrl = await startDatabase();
  const database = createDb(databaseUrl, { applicationName: 'trellis-bench' });
  cleanups.push(() => database.close());
  await forgetNewSigningKeys(database);
  const keys = await makeKeys();
  const users = await startUsers(databaseUrl, keys);
  const usersUrl = users.url;
  // As `npm start` runs it (Node's own fetch upstream), and over node:http for comparison.
  const gateway = await startGateway(databaseUrl, usersUrl, keys, 'kit');
  const builtin = await startGateway(databaseUrl, usersUrl, keys, 'global');
  const minimal = await startProcess('bench/identity-minimal-gateway.ts', await freePort(), {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    USERS_URL: usersUrl,
    JWKS_URL: `${usersUrl}/.well-known/jwks.json`,
    SERVICE_PRIVATE_KEY: JSON.stringify(keys.gateway.privateJwk),
    SERVICE_PUBLIC_KEYS: keys.trust,
  });
  const bare = await startProcess('bench/identity-bare-proxy.ts', await freePort(), {
    USERS_URL: usersUrl,
  });
  const member = await account(usersUrl, database, 'member');
  const admin = await account(usersUrl, database, 'admin', true);
  const key = await apiKey(usersUrl, database, admin);

  // As orders or meetings would verify users' tokens: from its JWKS, with the trust set.
  const identity = () =>
    identityFromEnv({
      JWKS_URL: `${usersUrl}/.well-known/jwks.json`,
      SERVICE_PUBLIC_KEYS: JSON.parse(keys.trust),
    });
  const serve = (app: { fetch: (request: Request) => Response | Promise<Response> }) =>
    serveFetch(app.fetch);
  const path = `/v1/users/${member.id}`;
  const bearer = { authorization: `Bearer ${member.token}` };
  return {
    urls: {
      open: `${await serve(kitUsersGet(database, identity(), true))}${path}`,
      token: `${await serve(kitUsersGet(database, identity(), false))}${path}`,
      uncached: `${await serve(
        kitUsersGet(database, { ...identity(), verifiedTokenCacheSize: 0 }, false),
      )}${path}`,
      direct: `${usersUrl}${path}`,
      gateway: `${gateway.url}${path}`,
      builtin: `${builtin.url}${path}`,
      minimal: `${minimal.url}${path}`,
      bare: `${bare.url}${path}`,
    },
    headers: {
      open: {},
      token: bearer,
      uncached: bearer,
      direct: bearer,
      gateway: { ...bearer, 'x-api-key': key },
      builtin: { ...bearer, 'x-api-key': key },
      minimal: { ...bearer, 'x-api-key': key },
      bare: bearer,
    },
    pids: {
      open: {},
      token: {},
      uncached: {},
      direct: { users: users.pid },
      gateway: { users: users.pid, front: gateway.pid },
      builtin: { users: users.pid, front: builtin.pid },
      minimal: { users: users.pid, front: minimal.pid },
      bare: { users: users.pid, front: bare.pid },
    },
  };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The mean CPU microseconds per request a process spent over runs; '–' if none was counted. */
function cpuCell(cpu: CpuPerRequest[], process: keyof CpuPerRequest): string {
  const mean = cpu.reduce((sum, run) => sum + run[process], 0) / cpu.length;
  return Number.isNaN(mean) ? '–' : mean.toFixed(0);
}

function printSummary(runs: Record<Target, Run[]>, cpu: Record<Target, CpuPerRequest[]>): void {
  const ratio = (target: Target, key: keyof Run) =>
    mean(runs[target], key) / mean(runs[baselineOf[target]], key);
  const rows = [
    [
      '',
      'req/s (mean)',
      'p50 ms',
      'p99 ms',
      'req/s ratio',
      'p50 ratio',
      'against',
      'users CPU µs/req',
      'proxy CPU µs/req',
    ],
    ...targets.map((target) => [
      targetNames[target],
      mean(runs[target], 'rps').toFixed(0),
      mean(runs[target], 'p50').toFixed(1),
      mean(runs[target], 'p99').toFixed(1),
      `${ratio(target, 'rps').toFixed(2)}x`,
      `${ratio(target, 'p50').toFixed(2)}x`,
      baselineOf[target] === target ? '(baseline)' : baselineOf[target],
      cpuCell(cpu[target], 'users'),
      cpuCell(cpu[target], 'front'),
    ]),
  ];
  console.log();
  printTable(rows);
  const authCost = 1 - ratio('token', 'rps');
  const cacheGain = mean(runs.token, 'rps') / mean(runs.uncached, 'rps');
  const kept = ratio('gateway', 'rps');
  console.log(
    `\nAuthentication costs ${percent(authCost)} of the throughput (target < 10%: ` +
      `${authCost < 0.1 ? 'met' : 'NOT met'}); with the verified-token cache off it costs ` +
      `${percent(1 - ratio('uncached', 'rps'))}, so the cache gives ${cacheGain.toFixed(2)}x.` +
      `\nThe gateway keeps ${kept.toFixed(2)}x of the direct throughput (target ≥ 0.8x: ` +
      `${kept >= 0.8 ? 'met' : 'NOT met'}); with Node's own fetch upstream ` +
      `${ratio('builtin', 'rps').toFixed(2)}x, a minimal node:http gateway making the same ` +
      `identity checks ${ratio('minimal', 'rps').toFixed(2)}x, and a bare proxy doing nothing ` +
      `else ${ratio('bare', 'rps').toFixed(2)}x.` +
      `\nCPU µs/req: CPU time (user + system, all threads) users and the process in front of ` +
      `it (the gateway or the bare proxy) used over a run, by requests answered.` +
      `\n${connections} connections; ${rounds * 2} runs of ${duration} s per target in the order ` +
      `${order.join(', ')}, after ${warmup} s warm-up each. Node ${process.version}, ` +
      `${availableParallelism()} CPUs, load average ${loadAverage()} at the end.`,
  );
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** CPU seconds `pid` has used, NaN without one. */
function cpuOf(pid: number | undefined): Promise<number> {
  return pid === undefined ? Promise.resolve(Number.NaN) : cpuSeconds(pid);
}

/** One run of `target`, and the CPU time users and the process in front of it spent on it. */
async function measure(setup: Setup, target: Target): Promise<{ run: Run; cpu: CpuPerRequest }> {
  const { users, front } = setup.pids[target];
  const before = await Promise.all([cpuOf(users), cpuOf(front)]);
  const run = await load(setup.urls[target], {
    seconds: duration,
    connections,
    headers: setup.headers[target],
  });
  const after = await Promise.all([cpuOf(users), cpuOf(front)]);
  const perRequest = (index: 0 | 1) => ((after[index] - before[index]) * 1e6) / run.total;
  return { run, cpu: { users: perRequest(0), front: perRequest(1) } };
}

async function main(): Promise<void> {
  const setup = await setUp();
  console.log(`load average ${loadAverage()} at the start`);
  for (const target of targets) {
    console.log(`warming up ${targetNames[target]} for ${warmup} s`);
    await load(setup.urls[target], {
      seconds: warmup,
      connections,
      headers: setup.headers[target],
    });
  }
  const byTarget = <T>() =>
    Object.fromEntries(allTargets.map((target) => [target, [] as T[]])) as Record<Target, T[]>;
  const runs = byTarget<Run>();
  const cpu = byTarget<CpuPerRequest>();
  for (const target of order) {
    const measured = await measure(setup, target);
    runs[target].push(measured.run);
    cpu[target].push(measured.cpu);
    const { run } = measured;
    console.log(
      `${targetNames[target].padEnd(38)} ${run.rps.toFixed(0).padStart(7)} req/s` +
        `   p50 ${run.p50} ms   p99 ${run.p99} ms`,
    );
  }
  printSummary(runs, cpu);
}

await runBenchmark(main);
