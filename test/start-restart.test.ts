import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { holdPorts } from './held-ports.ts';

const allServices = ['config', 'users', 'orders', 'meetings', 'messaging', 'gateway'] as const;
type Service = (typeof allServices)[number];
/** The ones npm start runs from this checkout: a service without an entry yet is skipped. */
const services = allServices.filter((name) =>
  existsSync(fileURLToPath(new URL(`../services/${name}/src/main.ts`, import.meta.url))),
);

async function answersReady(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
    return response.ok ? undefined : `${response.status} ${await response.text()}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Asks `/readyz` again and again until stopped, keeping every answer that was not 200. */
function pollReadiness(name: Service, url: string) {
  const failures: string[] = [];
  let answered = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const failure = await answersReady(url);
      if (failure) {
        failures.push(`${name}: ${failure}`);
      } else {
        answered += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    failures,
    answered: () => answered,
    async stop() {
      running = false;
      await done;
    },
  };
}

let database: TestDatabase;
let dataDir: string;
let platform: ChildProcess;
let output = '';
const urls = {} as Record<Service, string>;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-start-'));
  const held = await holdPorts(allServices.length);
  await held.release();
  const ports = held.ports;
  const portSettings: Record<string, string> = {};
  allServices.forEach((name, index) => {
    portSettings[`${name.toUpperCase()}_PORT`] = String(ports[index]);
    urls[name] = `http://127.0.0.1:${ports[index]}`;
  });
  // The console is left out: building Next.js is the admin's tests' business, and the
  // console is kept running by the same code as the services.
  platform = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(new URL('../scripts/start.ts', import.meta.url)),
    ],
    {
      env: {
        ...process.env,
        ...portSettings,
        DATABASE_URL: database.url,
        REDIS_URL: inject('redisUrl'),
        TRELLIS_DATA_DIR: dataDir,
        ADMIN_CONSOLE: 'off',
        LOG_LEVEL: 'warn',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [platform.stdout, platform.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  await vi.waitFor(
    () => {
      if (platform.exitCode !== null) {
        throw new Error(`npm start exited with ${platform.exitCode}:\n${output}`);
      }
      expect(output).toContain('Trellis is up');
    },
    { timeout: 150_000, interval: 200 },
  );
}, 180_000);

afterAll(async () => {
  if (platform && platform.exitCode === null && platform.signalCode === null) {
    platform.kill('SIGTERM');
    await new Promise((resolve) => platform.once('exit', resolve));
  }
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
}, 120_000);

describe('npm start', () => {
  it('keeps a key per service readable by its owner alone, and opens /metrics to the metrics token', async () => {
    const keysFile = path.join(dataDir, 'service-keys.json');
    expect((await stat(keysFile)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(keysFile, 'utf8'))).sort()).toEqual(
      [...allServices].sort(),
    );
    const { metricsToken } = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8'));
    for (const name of services) {
      const scrape = (headers: Record<string, string>) =>
        fetch(`${urls[name]}/metrics`, { headers, signal: AbortSignal.timeout(5000) });
      expect((await scrape({})).status, name).toBe(401);
      expect((await scrape({ authorization: `Bearer ${metricsToken}` })).status, name).toBe(200);
    }
  });

  it('restarts a service killed with SIGKILL while the others keep answering', async () => {
    const pid = Number(output.match(/Started config, pid (\d+)\./)?.[1]);
    expect(pid, output).toBeGreaterThan(0);
    const others = services.filter((name) => name !== 'config');
    const pollers = others.map((name) => pollReadiness(name, urls[name]));

    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');
    // "Within seconds": the first restart waits 0.5 s; the rest is the center booting, which
    // a loaded machine slows down several times over.
    await vi.waitFor(() => expect(output).toMatch(/config is ready again, pid \d+\./), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await answersReady(urls.config)).toBeUndefined();
    const backInMs = performance.now() - killedAt;
    // Keep polling the others a little past the restart: they reconnect to the center now.
    const answeredBefore = pollers.map((poller) => poller.answered());
    await vi.waitFor(
      () => {
        pollers.forEach((poller, index) => {
          expect(poller.answered()).toBeGreaterThan((answeredBefore[index] ?? 0) + 2);
        });
      },
      { timeout: 30_000, interval: 100 },
    );
    await Promise.all(pollers.map((poller) => poller.stop()));

    expect(pollers.flatMap((poller) => poller.failures)).toEqual([]);
    expect(output).toMatch(
      /config was killed by SIGKILL after [\d.]+ (s|min \d+ s) up; restarting it in 0\.5 s\./,
    );
    const newPid = Number(output.match(/Started config again \(restart 1\), pid (\d+)\./)?.[1]);
    expect(newPid).not.toBe(pid);
    expect(backInMs).toBeLessThan(30_000);
  }, 120_000);

  it('stops everything on SIGTERM: the services first, then the config center', async () => {
    platform.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => platform.once('exit', resolve));
    expect(code, output).toBe(0);
    const servicesStopped = output.indexOf('Stopped services.');
    const centerStopped = output.indexOf('Stopped config center.');
    expect(servicesStopped).toBeGreaterThan(0);
    expect(centerStopped).toBeGreaterThan(servicesStopped);
    for (const name of services) {
      expect(await answersReady(urls[name])).toBeDefined();
    }
  }, 60_000);
});
