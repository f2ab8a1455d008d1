import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const denoBin = fileURLToPath(new URL('../node_modules/.bin/deno', import.meta.url));

/**
 * How each runtime starts a service. Deno finds the root package.json and resolves workspace
 * packages and their `.ts` exports from node_modules; `manual` makes sure it never installs or
 * downloads anything. Its permissions are what a service needs: sockets, its environment,
 * reading node_modules and the system figures prom-client's default metrics read.
 */
function command(runtime: 'node' | 'deno', service: string): [string, string[]] {
  if (runtime === 'deno') {
    const flags = ['--allow-net', '--allow-env', '--allow-read', '--allow-sys'];
    const entry = `services/${service}/src/main.deno.ts`;
    return [denoBin, ['run', '--node-modules-dir=manual', '--no-remote', ...flags, entry]];
  }
  return [process.execPath, ['--import', tsxLoader, `services/${service}/src/main.ts`]];
}

export interface ServiceProcess {
  name: string;
  url: string;
  /** Every JSON log line written so far, parsed. */
  lines: Record<string, unknown>[];
  /** Everything written that is not a JSON line (stderr, stack traces). */
  text(): string;
  /** Resolves with the first log line (already written or coming) that matches. */
  waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process exited. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `services/<service>/src/main.ts` under Node (or `main.deno.ts` under Deno) with `env` on
 * `port`, as `npm start` does, and resolves once `/readyz` answers 200.
 */
export async function startServiceProcess(
  service: string,
  port: number,
  env: Record<string, string>,
  options: { name?: string; readyTimeoutMs?: number; runtime?: 'node' | 'deno' } = {},
): Promise<ServiceProcess> {
  const name = options.name ?? service;
  const [executable, args] = command(options.runtime ?? 'node', service);
  const child: ChildProcess = spawn(executable, args, {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let other = '';
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end = buffer.indexOf('\n');
    while (end !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other += `${line}\n`;
      }
      end = buffer.indexOf('\n');
    }
    for (const wake of waiters) {
      wake();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    other += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const running: ServiceProcess = {
    name,
    url,
    lines,
    text: () => other,
    exited,
    waitForLine(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen];
            if (line && match(line)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(line);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: no matching log line within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited before it was ready:\n${other}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        return running;
      }
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await running.stop(0);
  throw new Error(`${name} was not ready in time (${last}):\n${other}`);
}
