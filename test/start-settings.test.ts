import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSettings, type Refusal } from '../scripts/start/settings.ts';
import { holdPorts } from './held-ports.ts';

const portNames = [
  'CONFIG_PORT',
  'USERS_PORT',
  'ORDERS_PORT',
  'MEETINGS_PORT',
  'MESSAGING_PORT',
  'GATEWAY_PORT',
  'ADMIN_PORT',
];

let dataDir: string;
/** Settings whose ports are free: the defaults may be taken by another run on this machine. */
let freeSettings: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-settings-'));
  const held = await holdPorts(portNames.length);
  await held.release();
  freeSettings = {
    TRELLIS_DATA_DIR: dataDir,
    ...Object.fromEntries(portNames.map((name, index) => [name, String(held.ports[index])])),
  };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function refusalsFor(env: Record<string, string>): Promise<Refusal[]> {
  const check = await checkSettings({ ...freeSettings, ...env });
  return check.ok ? [] : check.refusals;
}

describe('npm start checks its settings before it starts anything', () => {
  it('accepts settings whose ports are free and whose URLs are well formed', async () => {
    const check = await checkSettings({
      ...freeSettings,
      DATABASE_URL: 'postgres://trellis:secret@127.0.0.1:5432/trellis',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'debug',
    });
    expect(check.ok).toBe(true);
  });

  it('accepts a Redis Sentinel URL with several sentinels, as the queues read it', async () => {
    const sentinels = 'redis+sentinel://:secret@10.0.0.1:26379,10.0.0.2:26379/mymaster';
    const check = await checkSettings({ ...freeSettings, REDIS_URL: sentinels });
    expect(check.ok).toBe(true);
    expect(await refusalsFor({ REDIS_URL: 'redis+sentinel://' })).toEqual([
      expect.objectContaining({ setting: 'REDIS_URL' }),
    ]);
  });

  it('refuses ADMIN_PORT=6000, a port browsers and Next.js refuse, naming the setting', async () => {
    expect(await refusalsFor({ ADMIN_PORT: '6000' })).toEqual([
      {
        setting: 'ADMIN_PORT',
        reason: '6000 is reserved for x11: browsers and Next.js refuse it; choose another port',
      },
    ]);
  });

  it('refuses a port another program is listening on', async () => {
    const held = await holdPorts(1);
    try {
      const [port] = held.ports;
      expect(await refusalsFor({ USERS_PORT: String(port) })).toEqual([
        {
          setting: 'USERS_PORT',
          reason: `port ${port} is in use by another program; stop it or choose another port`,
        },
      ]);
    } finally {
      await held.release();
    }
  });

  it('refuses ports that are not port numbers, and two settings sharing one port', async () => {
    expect(await refusalsFor({ ORDERS_PORT: 'eighty', MEETINGS_PORT: '70000' })).toEqual([
      { setting: 'ORDERS_PORT', reason: '"eighty" is not a port number (1 to 65535)' },
      { setting: 'MEETINGS_PORT', reason: '70000 is not a port number (1 to 65535)' },
    ]);
    const shared = freeSettings.CONFIG_PORT ?? '';
    expect(await refusalsFor({ MEETINGS_PORT: shared })).toEqual([
      {
        setting: 'MEETINGS_PORT',
        reason: `${shared} is CONFIG_PORT too; each needs a port of its own`,
      },
    ]);
  });

  it('refuses a malformed DATABASE_URL, a REDIS_URL of another scheme and an unknown LOG_LEVEL', async () => {
    const refusals = await refusalsFor({
      DATABASE_URL: 'localhost:5432/trellis',
      REDIS_URL: 'http://127.0.0.1:6379',
      LOG_LEVEL: 'loud',
    });
    expect(refusals.map((refusal) => refusal.setting)).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
      'LOG_LEVEL',
    ]);
    expect(refusals[0]?.reason).toMatch(/postgres:\/\//);
    expect(refusals[1]?.reason).toMatch(/redis:\/\//);
    expect(refusals[2]?.reason).toBe(
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('refuses short secrets, bad encryption keys and a data directory that is a file', async () => {
    const file = path.join(dataDir, 'not-a-directory');
    await writeFile(file, '');
    const refusals = await refusalsFor({
      METRICS_TOKEN: 'short',
      ADMIN_SESSION_SECRET: 'short',
      CONFIG_ENCRYPTION_KEY: 'not base64 at all',
      TOKEN_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      ACCESS_TOKEN_TTL_SECONDS: '28800',
      TRELLIS_DATA_DIR: file,
    });
    const base64Key = 'must be 32 bytes in base64 (openssl rand -base64 32)';
    expect(refusals).toEqual([
      { setting: 'ACCESS_TOKEN_TTL_SECONDS', reason: 'must be whole seconds from 60 to 3600' },
      { setting: 'ADMIN_SESSION_SECRET', reason: 'must be at least 32 characters' },
      { setting: 'METRICS_TOKEN', reason: 'must be at least 32 characters' },
      { setting: 'CONFIG_ENCRYPTION_KEY', reason: base64Key },
      { setting: 'TOKEN_KEY_ENCRYPTION_KEY', reason: base64Key },
    ]);
    expect(await refusalsFor({ TRELLIS_DATA_DIR: file })).toEqual([
      { setting: 'TRELLIS_DATA_DIR', reason: `${file} is a file, not a directory` },
    ]);
  });

  it('refuses the shared token secrets it no longer reads, saying what replaced them', async () => {
    const refusals = await refusalsFor({
      JWT_SECRET: 'j'.repeat(48),
      SERVICE_TOKEN_SECRET: 's'.repeat(48),
      JWT_TTL_SECONDS: '900',
    });
    expect(refusals.map((refusal) => refusal.setting)).toEqual([
      'JWT_SECRET',
      'SERVICE_TOKEN_SECRET',
      'JWT_TTL_SECONDS',
    ]);
    expect(refusals[0]?.reason).toMatch(/^is no longer read: users signs .* unset it$/);
    expect(refusals[1]?.reason).toMatch(/own key from <data dir>\/service-keys\.json; unset it$/);
    expect(refusals[2]?.reason).toMatch(/^is now ACCESS_TOKEN_TTL_SECONDS/);
    // Empty counts as unset, as `JWT_SECRET= npm start` means in a shell.
    expect(await refusalsFor({ JWT_SECRET: '' })).toEqual([]);
  });

  it('takes the metrics token and the key-encryption key from the environment when given', async () => {
    const metricsToken = 'm'.repeat(40);
    const tokenKeyEncryptionKey = Buffer.alloc(32, 1).toString('base64');
    const check = await checkSettings({
      ...freeSettings,
      METRICS_TOKEN: metricsToken,
      TOKEN_KEY_ENCRYPTION_KEY: tokenKeyEncryptionKey,
      ACCESS_TOKEN_TTL_SECONDS: '300',
    });
    expect(check.ok && check.config).toMatchObject({
      metricsToken,
      tokenKeyEncryptionKey,
      accessTokenTtlSeconds: 300,
    });
    const defaults = await checkSettings(freeSettings);
    expect(defaults.ok && defaults.config.accessTokenTtlSeconds).toBe(900);
  });

  it('leaves ADMIN_PORT alone when the console is off', async () => {
    const held = await holdPorts(1);
    try {
      const check = await checkSettings({
        ...freeSettings,
        ADMIN_CONSOLE: 'off',
        ADMIN_PORT: String(held.ports[0]),
      });
      expect(check.ok && check.config.adminConsole).toBe(false);
      expect(await refusalsFor({ ADMIN_CONSOLE: 'maybe' })).toEqual([
        { setting: 'ADMIN_CONSOLE', reason: 'must be on or off' },
      ]);
    } finally {
      await held.release();
    }
  });

  it('exits without starting anything when a setting is refused', async () => {
    const untouched = path.join(dataDir, 'never-created');
    const script = fileURLToPath(new URL('../scripts/start.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
      env: { ...process.env, ...freeSettings, TRELLIS_DATA_DIR: untouched, ADMIN_PORT: '6000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toContain('Nothing was started: fix these settings and run npm start again.');
    expect(output).toContain('ADMIN_PORT: 6000 is reserved for x11');
    expect(output).not.toContain('Data directory');
    expect(existsSync(untouched)).toBe(false);
  });
});
