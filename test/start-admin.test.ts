import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planAdmin } from '../scripts/start/admin.ts';
import { readStartConfig } from '../scripts/start/config.ts';
import { loadSecrets } from '../scripts/start/secrets.ts';
import { renderSummary } from '../scripts/start/table.ts';

describe('npm start and the admin console', () => {
  it('tells the console where each service is, its cookie key and the metrics token', () => {
    const spec = planAdmin({
      port: 3000,
      serviceUrls: {
        config: 'http://127.0.0.1:4110',
        users: 'http://127.0.0.1:4101',
        orders: 'http://127.0.0.1:4102',
        meetings: 'http://127.0.0.1:4103',
        messaging: 'http://127.0.0.1:4120',
        gateway: 'http://127.0.0.1:4000',
      },
      sessionSecret: 's'.repeat(48),
      metricsToken: 'm'.repeat(48),
      logLevel: 'info',
    });
    expect(spec).toEqual({
      port: 3000,
      env: {
        USERS_URL: 'http://127.0.0.1:4101',
        ORDERS_URL: 'http://127.0.0.1:4102',
        MEETINGS_URL: 'http://127.0.0.1:4103',
        MESSAGING_URL: 'http://127.0.0.1:4120',
        CONFIG_URL: 'http://127.0.0.1:4110',
        GATEWAY_URL: 'http://127.0.0.1:4000',
        ADMIN_SESSION_SECRET: 's'.repeat(48),
        METRICS_TOKEN: 'm'.repeat(48),
        LOG_LEVEL: 'info',
      },
    });
    // It calls as the signed-in user: it holds no key that signs anyone's tokens.
    expect(spec.env).not.toHaveProperty('JWT_SECRET');
    expect(spec.env).not.toHaveProperty('SERVICE_PRIVATE_KEY');
  });

  it('serves the console on ADMIN_PORT, 3000 by default', () => {
    expect(readStartConfig({}).adminPort).toBe(3000);
    expect(readStartConfig({ ADMIN_PORT: '3300' }).adminPort).toBe(3300);
    expect(() => readStartConfig({ ADMIN_PORT: 'x' })).toThrow(/ADMIN_PORT/);
  });

  it('adds the new secrets to an older secrets file, keeping its keys and dropping the shared token secrets', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-secrets-'));
    try {
      const file = path.join(dataDir, 'secrets.json');
      const adminSessionSecret = 'a'.repeat(48);
      const configEncryptionKey = Buffer.alloc(32, 3).toString('base64');
      await writeFile(
        file,
        JSON.stringify({
          jwtSecret: 'j'.repeat(48),
          serviceTokenSecret: 't'.repeat(48),
          adminSessionSecret,
          configEncryptionKey,
        }),
        { mode: 0o644 },
      );
      const secrets = await loadSecrets(dataDir);
      expect(secrets).toMatchObject({ adminSessionSecret, configEncryptionKey });
      expect(Buffer.from(secrets.tokenKeyEncryptionKey, 'base64')).toHaveLength(32);
      expect(Buffer.from(secrets.webhookEncryptionKey, 'base64')).toHaveLength(32);
      expect(secrets.metricsToken.length).toBeGreaterThanOrEqual(32);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(secrets);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await loadSecrets(dataDir)).toEqual(secrets);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to replace a malformed key that sealed users’ signing keys', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-secrets-'));
    try {
      const file = path.join(dataDir, 'secrets.json');
      await writeFile(file, JSON.stringify({ tokenKeyEncryptionKey: 'too short' }));
      await expect(loadSecrets(dataDir)).rejects.toThrow(
        /tokenKeyEncryptionKey in .*secrets\.json is not 32 bytes in base64; fix or remove it/,
      );
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        tokenKeyEncryptionKey: 'too short',
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('prints the console’s address and the admin login', () => {
    const text = stripVTControlCharacters(
      renderSummary({
        services: [
          { name: 'users', url: 'http://127.0.0.1:4101' },
          { name: 'messaging', url: 'http://127.0.0.1:4120' },
          { name: 'gateway', url: 'http://127.0.0.1:4000' },
        ],
        admin: { url: 'http://127.0.0.1:3000' },
        skipped: [],
        database: { url: 'postgres://x', origin: 'embedded' },
        redis: { url: 'redis://127.0.0.1:6379', origin: 'REDIS_URL' },
        login: { email: 'admin@trellis.local', password: 'trellis-admin' },
        otherLogins: [{ email: 'member@trellis.local', password: 'trellis-member' }],
        metricsTokenFrom: 'metricsToken in /data/secrets.json',
        startedInMs: 1000,
      }),
    );
    expect(text).toContain('Admin console: http://127.0.0.1:3000');
    expect(text).toMatch(
      /^messaging +http:\/\/127\.0\.0\.1:4120 +http:\/\/127\.0\.0\.1:4120\/docs/m,
    );
    expect(text).toMatch(/^redis +redis:\/\/127\.0\.0\.1:6379 +REDIS_URL$/m);
    expect(text).toContain('Admin login: admin@trellis.local / trellis-admin');
    expect(text).toContain('the metrics token as a bearer (metricsToken in /data/secrets.json)');
    expect(text).toContain(
      `Sign in: curl -s -X POST http://127.0.0.1:4101/v1/sessions -H 'content-type: application/json' -d '{"email":"member@trellis.local","password":"trellis-member"}'`,
    );
  });
});
