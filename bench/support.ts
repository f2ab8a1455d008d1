/** What every benchmark here shares: options, cleanup, a database and an autocannon run. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { runMigrations } from '@trellis/db';
import { startEmbeddedPostgres } from '@trellis/db/embedded';
import autocannon from 'autocannon';

export type Cleanup = () => Promise<void>;

export interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** Requests answered in the run. */
  total: number;
}

/**
 * Positive numeric options, each from `--name` or else `BENCH_NAME` (camelCase → SNAKE), else its
 * default: `benchOptions({ duration: 10, connections: 50 })`.
 */
export function benchOptions<Name extends string>(
  defaults: Record<Name, number>,
  envNames: Partial<Record<Name, string>> = {},
): Record<Name, number> {
  const names = Object.keys(defaults) as Name[];
  const { values } = parseArgs({
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
  });
  const options = {} as Record<Name, number>;
  for (const name of names) {
    const env = envNames[name] ?? `BENCH_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const given = values[name];
    options[name] = positive(
      name,
      typeof given === 'string' ? given : process.env[env],
      defaults[name],
    );
  }
  return options;
}

/** A numeric option from argv or the environment; anything but a positive number is an error. */
export function positive(name: string, value: string | undefined, fallback: number): number {
  const parsed = Number(value ?? fallback);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive number, got ${value}`);
  }
  return parsed;
}

/** Cleanups run in reverse order of registration; a failing one does not stop the rest. */
export const cleanups: Cleanup[] = [];

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

/**
 * The Postgres at DATABASE_URL, migrated (`onExternal` registers what to delete there
 * afterwards), or an embedded one in a temporary directory removed at the end.
 */
export async function startDatabase(onExternal?: (url: string) => void): Promise<string> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await runMigrations(external);
    onExternal?.(external);
    return external;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-bench-pg-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
  cleanups.push(() => pg.stop());
  await pg.ensureDatabase('trellis_bench');
  const url = pg.urlFor('trellis_bench');
  await runMigrations(url);
  return url;
}

/**
 * One autocannon run, in a worker thread so it does not share the event loop of what this
 * process serves; any failed request fails the benchmark rather than flattering it.
 */
export async function load(
  url: string,
  options: {
    seconds: number;
    connections: number;
    token?: string | undefined;
    headers?: Record<string, string>;
  },
): Promise<Run> {
  const headers = {
    ...options.headers,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections,
    workers: 1,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  });
  const failed = result.non2xx + result.errors;
  if (failed > 0) {
    throw new Error(
      `${url}: ${failed} of the requests failed (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

/** Mean of one figure over runs. */
export function mean(runs: Run[], key: keyof Run): number {
  return runs.reduce((sum, run) => sum + run[key], 0) / runs.length;
}

/** Prints rows as a table: the first column left-aligned, the others right-aligned. */
export function printTable(rows: string[][], gap = '   '): void {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join(gap),
    );
  }
}

/** Runs a benchmark's main: cleanups run on success, failure and Ctrl-C alike. */
export async function runBenchmark(main: () => Promise<void>): Promise<void> {
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

/** Serves `fetch` with @hono/node-server on a free loopback port until cleanup. */
export async function serveFetch(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function profiling(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/**
 * Runs a TypeScript entry of the repo (`services/users/src/main.ts`) under Node and tsx in a
 * process of its own, on 127.0.0.1:`port`, until cleanup. Its stdout (the access log) is
 * discarded, its stderr shown. Resolves with its URL once `/readyz` answers 200. With
 * BENCH_CPU_PROF_DIR set, it writes a CPU profile there when it stops (`--cpu-prof`).
 */
export async function startProcess(
  entry: string,
  port: number,
  env: Record<string, string>,
): Promise<{ url: string; pid: number }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...profiling(), '--import', import.meta.resolve('tsx'), entry],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${entry} exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return { url, pid: child.pid ?? 0 };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${entry} did not get ready within 60 s`);
}

/** Linux's USER_HZ, the unit of the CPU times in /proc; 100 on every common build. */
const clockTicksPerSecond = 100;

/**
 * CPU seconds (user + system, all threads) process `pid` has used so far, from /proc/<pid>/stat;
 * NaN where there is no /proc.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 3, utime 14 and stime 15 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}
