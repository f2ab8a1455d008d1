import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  generateServiceKey,
  type ServiceKeyPair,
  serviceTokenSigner,
  serviceTokenVerifier,
} from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStartConfig } from '../scripts/start/config.ts';
import { formatLogLine as formatColored } from '../scripts/start/log-lines.ts';
import { planServices, type ServiceName, serviceNames } from '../scripts/start/services.ts';

const formatLogLine = (line: string) => stripVTControlCharacters(formatColored(line));

const serviceKeys = Object.fromEntries(
  await Promise.all(serviceNames.map(async (name) => [name, await generateServiceKey(name)])),
) as Record<ServiceName, ServiceKeyPair>;

const platform = {
  databaseUrl: 'postgres://postgres:postgres@127.0.0.1:5432/trellis',
  redisUrl: 'redis://127.0.0.1:6379',
  serviceKeys,
  metricsToken: 'm'.repeat(48),
  tokenKeyEncryptionKey: Buffer.alloc(32, 9).toString('base64'),
  webhookEncryptionKey: Buffer.alloc(32, 5).toString('base64'),
  accessTokenTtlSeconds: 900,
  configEncryptionKey: Buffer.alloc(32, 7).toString('base64'),
  snapshotDir: '/tmp/trellis/config-snapshots',
  logLevel: 'info',
  ports: {
    config: 4110,
    users: 4101,
    orders: 4102,
    meetings: 4103,
    messaging: 4120,
    gateway: 4000,
  },
};

/** A checkout where every service's entry exists, the gateway's included. */
let everyEntry: string;

beforeAll(async () => {
  everyEntry = await mkdtemp(path.join(tmpdir(), 'trellis-start-'));
  for (const name of serviceNames) {
    await mkdir(path.join(everyEntry, 'services', name, 'src'), { recursive: true });
    await writeFile(path.join(everyEntry, 'services', name, 'src', 'main.ts'), '');
  }
});

afterAll(async () => {
  await rm(everyEntry, { recursive: true, force: true });
});

function envByService(): Record<string, Record<string, string>> {
  const { specs, missing } = planServices(platform, everyEntry);
  expect(missing).toEqual([]);
  return Object.fromEntries(specs.map((spec) => [spec.name, spec.env]));
}

describe('npm start', () => {
  it('gives each service its own private key and all of them the same public keys', () => {
    const byName = envByService();
    const trustSet = JSON.parse(byName.users?.SERVICE_PUBLIC_KEYS ?? '{}');
    expect(Object.keys(trustSet).sort()).toEqual([...serviceNames].sort());
    for (const name of serviceNames) {
      const env = byName[name] ?? {};
      const own = JSON.parse(env.SERVICE_PRIVATE_KEY ?? '{}');
      expect(own, name).toEqual(serviceKeys[name].privateJwk);
      expect(JSON.parse(env.SERVICE_PUBLIC_KEYS ?? '{}'), name).toEqual(trustSet);
      expect(trustSet[name], name).toEqual([serviceKeys[name].publicJwk]);
      expect(JSON.stringify(trustSet)).not.toContain(own.d);
      expect(env.METRICS_TOKEN, name).toBe(platform.metricsToken);
    }
    const privateKeys = serviceNames.map((name) => byName[name]?.SERVICE_PRIVATE_KEY);
    expect(new Set(privateKeys).size).toBe(serviceNames.length);
  });

  it('signs with a service’s key tokens only the trust set accepts as that service', async () => {
    const byName = envByService();
    const trustSet = JSON.parse(byName.config?.SERVICE_PUBLIC_KEYS ?? '{}');
    const ordersKey = JSON.parse(byName.orders?.SERVICE_PRIVATE_KEY ?? '{}');
    const token = await serviceTokenSigner('orders', ordersKey)('users');
    expect(await serviceTokenVerifier(trustSet, 'users')(token)).toMatchObject({
      service: 'orders',
    });
    // Orders' key signing as users: the trust set holds no such key of users.
    const forged = await serviceTokenSigner('users', ordersKey)('config');
    await expect(serviceTokenVerifier(trustSet, 'config')(forged)).rejects.toThrow();
  });

  it('gives users its key-encryption key and token lifetime, and the others users’ JWKS', () => {
    const byName = envByService();
    expect(byName.users).toMatchObject({
      PORT: '4101',
      TOKEN_KEY_ENCRYPTION_KEY: platform.tokenKeyEncryptionKey,
      ACCESS_TOKEN_TTL_SECONDS: '900',
    });
    expect(byName.users).not.toHaveProperty('JWKS_URL');
    for (const name of ['config', 'orders', 'meetings', 'messaging', 'gateway']) {
      expect(byName[name]?.JWKS_URL, name).toBe('http://127.0.0.1:4101/.well-known/jwks.json');
      expect(byName[name], name).not.toHaveProperty('TOKEN_KEY_ENCRYPTION_KEY');
    }
    expect(byName.orders).toMatchObject({ PORT: '4102', USERS_URL: 'http://127.0.0.1:4101' });
    expect(byName.meetings).toMatchObject({ PORT: '4103', USERS_URL: 'http://127.0.0.1:4101' });
    expect(byName.gateway).toMatchObject({
      PORT: '4000',
      USERS_URL: 'http://127.0.0.1:4101',
      ORDERS_URL: 'http://127.0.0.1:4102',
      MEETINGS_URL: 'http://127.0.0.1:4103',
      MESSAGING_URL: 'http://127.0.0.1:4120',
    });
  });

  it('gives every service the Redis, which messaging cannot run without', () => {
    const byName = envByService();
    expect(byName.messaging).toMatchObject({
      PORT: '4120',
      REDIS_URL: platform.redisUrl,
      INSTANCE_ID: 'messaging-local',
    });
    for (const name of serviceNames) {
      expect(byName[name]?.REDIS_URL, name).toBe(platform.redisUrl);
    }
  });

  it('gives messaging alone the key its webhook secrets are sealed with', () => {
    const byName = envByService();
    expect(byName.messaging?.WEBHOOK_ENCRYPTION_KEY).toBe(platform.webhookEncryptionKey);
    for (const name of serviceNames.filter((service) => service !== 'messaging')) {
      expect(byName[name], name).not.toHaveProperty('WEBHOOK_ENCRYPTION_KEY');
    }
  });

  it('hands no service a shared signing secret', () => {
    for (const [name, env] of Object.entries(envByService())) {
      for (const retired of ['JWT_SECRET', 'SERVICE_TOKEN_SECRET', 'JWT_TTL_SECONDS']) {
        expect(env, name).not.toHaveProperty(retired);
      }
    }
  });

  it('starts the config center first with its key, and points every other service at it', () => {
    const { specs } = planServices(platform, everyEntry);
    expect(specs.map((spec) => spec.name)).toEqual([
      'config',
      'users',
      'orders',
      'meetings',
      'messaging',
      'gateway',
    ]);
    const [center, ...others] = specs;
    expect(center?.env).toMatchObject({
      PORT: '4110',
      CONFIG_ENCRYPTION_KEY: platform.configEncryptionKey,
    });
    for (const spec of others) {
      expect(spec.env).toMatchObject({
        CONFIG_URL: 'http://127.0.0.1:4110',
        CONFIG_NAMESPACE: 'dev',
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
        path.join('services', 'messaging', 'src', 'main.ts'),
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
      messaging: 4120,
      gateway: 4000,
    });
    expect(config.dataDir).toBe('/tmp/elsewhere');
    expect(readStartConfig({ GATEWAY_PORT: '5000' }).ports.gateway).toBe(5000);
    expect(readStartConfig({ MESSAGING_PORT: '5120' }).ports.messaging).toBe(5120);
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
