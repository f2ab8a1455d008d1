import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readStartConfig } from '../scripts/start/config.ts';
import { formatLogLine as formatColored } from '../scripts/start/log-lines.ts';
import { planServices } from '../scripts/start/services.ts';

const formatLogLine = (line: string) => stripVTControlCharacters(formatColored(line));

const platform = {
  databaseUrl: 'postgres://postgres:postgres@127.0.0.1:5432/trellis',
  redisUrl: undefined,
  jwtSecret: 'x'.repeat(48),
  jwtTtlSeconds: 28_800,
  serviceTokenSecret: 's'.repeat(48),
  configEncryptionKey: Buffer.alloc(32, 7).toString('base64'),
  snapshotDir: '/tmp/trellis/config-snapshots',
  logLevel: 'info',
  ports: { config: 4110, users: 4101, orders: 4102, meetings: 4103, gateway: 4000 },
};

describe('npm start', () => {
  it('gives users the JWT secret and the others the users URL', () => {
    const { specs, missing } = planServices(platform);
    expect(missing).toEqual([]);
    const byName = Object.fromEntries(specs.map((spec) => [spec.name, spec.env]));
    expect(byName.users).toMatchObject({
      PORT: '4101',
      JWT_SECRET: platform.jwtSecret,
      JWT_TTL_SECONDS: '28800',
    });
    expect(byName.orders).toMatchObject({ PORT: '4102', USERS_URL: 'http://127.0.0.1:4101' });
    expect(byName.meetings).toMatchObject({ PORT: '4103', USERS_URL: 'http://127.0.0.1:4101' });
    expect(byName.orders).not.toHaveProperty('JWT_SECRET');
  });

  it('starts the gateway on 4000, after the services it routes to, knowing where each is', () => {
    const { specs } = planServices(platform);
    const gateway = specs.at(-1);
    expect(gateway?.name).toBe('gateway');
    expect(gateway?.env).toMatchObject({
      PORT: '4000',
      USERS_URL: 'http://127.0.0.1:4101',
      ORDERS_URL: 'http://127.0.0.1:4102',
      MEETINGS_URL: 'http://127.0.0.1:4103',
    });
    expect(readStartConfig({}).ports.gateway).toBe(4000);
    expect(readStartConfig({ GATEWAY_PORT: '5000' }).ports.gateway).toBe(5000);
  });

  it('starts the config center first with its secrets, and points every service at it', () => {
    const { specs } = planServices(platform);
    expect(specs.map((spec) => spec.name)).toEqual([
      'config',
      'users',
      'orders',
      'meetings',
      'gateway',
    ]);
    const [center, ...others] = specs;
    expect(center?.env).toMatchObject({
      PORT: '4110',
      SERVICE_TOKEN_SECRET: platform.serviceTokenSecret,
      JWT_SECRET: platform.jwtSecret,
      CONFIG_ENCRYPTION_KEY: platform.configEncryptionKey,
    });
    for (const spec of others) {
      expect(spec.env).toMatchObject({
        CONFIG_URL: 'http://127.0.0.1:4110',
        CONFIG_NAMESPACE: 'dev',
        SERVICE_TOKEN_SECRET: platform.serviceTokenSecret,
        CONFIG_SNAPSHOT_DIR: platform.snapshotDir,
      });
      expect(spec.env).not.toHaveProperty('CONFIG_ENCRYPTION_KEY');
    }
  });

  it('skips a service whose entry does not exist yet', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'trellis-start-'));
    try {
      await mkdir(path.join(root, 'services/users/src'), { recursive: true });
      await writeFile(path.join(root, 'services/users/src/main.ts'), '');
      const { specs, missing } = planServices(platform, root);
      expect(specs.map((spec) => spec.name)).toEqual(['users']);
      expect(missing).toEqual([
        path.join('services', 'config', 'src', 'main.ts'),
        path.join('services', 'orders', 'src', 'main.ts'),
        path.join('services', 'meetings', 'src', 'main.ts'),
        path.join('services', 'gateway', 'src', 'main.ts'),
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('takes ports and the data directory from the environment', () => {
    const config = readStartConfig({
      ORDERS_PORT: '5102',
      CONFIG_PORT: '5110',
      TRELLIS_DATA_DIR: '/tmp/elsewhere',
    });
    expect(config.ports).toEqual({
      config: 5110,
      users: 4101,
      orders: 5102,
      meetings: 4103,
      gateway: 4000,
    });
    expect(config.dataDir).toBe('/tmp/elsewhere');
    expect(() => readStartConfig({ USERS_PORT: 'eighty' })).toThrow(/USERS_PORT/);
  });

  it('prints pino lines compactly and other lines as they are', () => {
    const request = JSON.stringify({
      level: 'info',
      time: '2026-11-26T10:00:00.000Z',
      service: 'users',
      msg: 'request',
      method: 'GET',
      path: '/v1/users',
      status: 200,
      durationMs: 3.1,
      traceId: 'abc',
    });
    expect(formatLogLine(request)).toMatch(/INFO {2}GET \/v1\/users 200 3.1ms trace=abc$/);
    const listening = JSON.stringify({ level: 'warn', msg: 'listening', port: 4101 });
    expect(formatLogLine(listening)).toMatch(/WARN {2}listening port=4101$/);
    expect(formatLogLine('plain text')).toBe('plain text');
  });
});
