import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  crashesInARow,
  defaultRestartPolicy,
  type KeptProcess,
  keepRunning,
  type RestartPolicy,
  restartDelayMs,
} from '../scripts/start/keep-running.ts';
import { freePort } from '../scripts/start/ports.ts';
import type { ProcessSpec } from '../scripts/start/process.ts';

/**
 * A real process that serves HTTP on PORT. With CRASH_MARKER set, only its first run serves:
 * every later run finds the marker and exits with code 3 at once, like a service that keeps
 * crashing on start. With EXIT_CODE set, it exits with that code before it ever listens.
 */
const serverScript = `
const fs = require('node:fs');
const marker = process.env.CRASH_MARKER;
if (process.env.EXIT_CODE) process.exit(Number(process.env.EXIT_CODE));
if (marker && fs.existsSync(marker)) process.exit(3);
if (marker) fs.writeFileSync(marker, '');
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

function serverSpec(name: string, port: number, env: Record<string, string> = {}): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', serverScript],
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), ...env },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
    style: 'magenta',
    formatLine: (line) => line,
    stopGraceMs: 5000,
  };
}

function recordingReporter() {
  const messages: string[] = [];
  const record = (message: string) => {
    messages.push(message);
  };
  return { messages, report: { info: record, warn: record, error: record } };
}

const quickPolicy: RestartPolicy = {
  firstDelayMs: 100,
  maxDelayMs: 400,
  stableAfterMs: 60_000,
  readyTimeoutMs: 20_000,
};

let workDir: string;
const kept: KeptProcess[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'trellis-keep-running-'));
});

afterAll(async () => {
  await Promise.all(kept.map((entry) => entry.stop()));
  await rm(workDir, { recursive: true, force: true });
});

describe('npm start keeps each process running', () => {
  it('doubles the wait after each crash in a row, up to the cap', () => {
    const policy = defaultRestartPolicy;
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((crashes) => restartDelayMs(crashes, policy));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('counts crashes in a row only while each run stayed up briefly', () => {
    const policy = defaultRestartPolicy;
    expect(crashesInARow(0, 1000, policy)).toBe(1);
    expect(crashesInARow(4, 1000, policy)).toBe(5);
    expect(crashesInARow(4, policy.stableAfterMs, policy)).toBe(1);
  });

  it('restarts a process killed with SIGKILL and reports the signal and the new pid', async () => {
    const port = await freePort();
    const { messages, report } = recordingReporter();
    const server = keepRunning(serverSpec('killed', port), {
      cancelled: () => false,
      policy: quickPolicy,
      report,
    });
    kept.push(server);
    await server.ready;
    const firstPid = server.pid();
    expect(firstPid).toBeTypeOf('number');
    process.kill(firstPid as number, 'SIGKILL');

    await vi.waitFor(
      () => expect(messages).toContain(`killed is ready again, pid ${server.pid()}.`),
      { timeout: 20_000, interval: 50 },
    );
    expect(server.pid()).not.toBe(firstPid);
    expect(messages[0]).toBe(`Started killed, pid ${firstPid}.`);
    expect(messages[1]).toMatch(
      /^killed was killed by SIGKILL after [\d.]+ s up; restarting it in 0\.1 s\.$/,
    );
    expect(messages[2]).toBe(`Started killed again (restart 1), pid ${server.pid()}.`);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  it('backs off a process that keeps crashing right away, saying how often it crashed', async () => {
    const port = await freePort();
    const { messages, report } = recordingReporter();
    const crashing = keepRunning(
      serverSpec('crashing', port, { CRASH_MARKER: path.join(workDir, 'crashed-once') }),
      { cancelled: () => false, policy: quickPolicy, report },
    );
    kept.push(crashing);
    await crashing.ready;
    process.kill(crashing.pid() as number, 'SIGKILL');

    const crashes = () => messages.filter((message) => message.includes('restarting it in'));
    await vi.waitFor(() => expect(crashes().length).toBeGreaterThanOrEqual(5), {
      timeout: 30_000,
      interval: 50,
    });
    await crashing.stop();
    const waits = crashes()
      .slice(0, 5)
      .map((message) => message.match(/restarting it in ([\d.]+ s)(.*)\.$/)?.slice(1));
    expect(waits).toEqual([
      ['0.1 s', ''],
      ['0.2 s', ', crash 2 in a row'],
      ['0.4 s', ', crash 3 in a row'],
      ['0.4 s', ', crash 4 in a row'],
      ['0.4 s', ', crash 5 in a row'],
    ]);
    expect(crashes()[1]).toMatch(/^crashing exited with code 3 after /);
    expect(messages.filter((message) => message.includes('is ready again'))).toEqual([]);
  });

  it('does not retry a first run that never answered, and says why', async () => {
    const port = await freePort();
    const { messages, report } = recordingReporter();
    const broken = keepRunning(serverSpec('broken', port, { EXIT_CODE: '2' }), {
      cancelled: () => false,
      policy: quickPolicy,
      report,
    });
    kept.push(broken);
    await expect(broken.ready).rejects.toThrow('broken exited with code 2 before it was ready');
    expect(messages).toEqual([`Started broken, pid ${broken.pid()}.`]);
  });
});
