import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planAdmin } from '../scripts/start/admin.ts';
import { readStartConfig } from '../scripts/start/config.ts';
import { loadSecrets } from '../scripts/start/secrets.ts';
import { renderSummary } from '../scripts/start/table.ts';

describe('npm start and the admin console', () => {
  it('tells the console where each service is and the key of its session cookie', () => {
    const spec = planAdmin({
      port: 3000,
      serviceUrls: {
        config: 'http://127.0.0.1:4110',
        users: 'http://127.0.0.1:4101',
        orders: 'http://127.0.0.1:4102',
        meetings: 'http://127.0.0.1:4103',
        gateway: 'http://127.0.0.1:4000',
      },
      sessionSecret: 's'.repeat(48),
      logLevel: 'info',
    });
    expect(spec).toEqual({
      port: 3000,
      env: {
        USERS_URL: 'http://127.0.0.1:4101',
        ORDERS_URL: 'http://127.0.0.1:4102',
        MEETINGS_URL: 'http://127.0.0.1:4103',
        CONFIG_URL: 'http://127.0.0.1:4110',
        GATEWAY_URL: 'http://127.0.0.1:4000',
        ADMIN_SESSION_SECRET: 's'.repeat(48),
        LOG_LEVEL: 'info',
      },
    });
  });

  it('serves the console on ADMIN_PORT, 3000 by default', () => {
    expect(readStartConfig({}).adminPort).toBe(3000);
    expect(readStartConfig({ ADMIN_PORT: '3300' }).adminPort).toBe(3300);
    expect(() => readStartConfig({ ADMIN_PORT: 'x' })).toThrow(/ADMIN_PORT/);
  });

  it('adds a session secret to an older secrets file, keeping the JWT secret', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-secrets-'));
    try {
      const jwtSecret = 'j'.repeat(48);
      await writeFile(path.join(dataDir, 'secrets.json'), JSON.stringify({ jwtSecret }));
      const secrets = await loadSecrets(dataDir);
      expect(secrets.jwtSecret).toBe(jwtSecret);
      expect(secrets.adminSessionSecret.length).toBeGreaterThanOrEqual(32);
      expect(secrets.serviceTokenSecret.length).toBeGreaterThanOrEqual(32);
      expect(Buffer.from(secrets.configEncryptionKey, 'base64')).toHaveLength(32);
      expect(JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8'))).toEqual(
        secrets,
      );
      expect(await loadSecrets(dataDir)).toEqual(secrets);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('prints the console’s address and the admin login', () => {
    const text = stripVTControlCharacters(
      renderSummary({
        services: [{ name: 'users', url: 'http://127.0.0.1:4101' }],
        admin: { url: 'http://127.0.0.1:3000' },
        skipped: [],
        database: { url: 'postgres://x', origin: 'embedded' },
        redis: undefined,
        login: { email: 'admin@trellis.local', password: 'trellis-admin' },
        otherLogins: [],
        startedInMs: 1000,
      }),
    );
    expect(text).toContain('Admin console: http://127.0.0.1:3000');
    expect(text).toContain('Admin login: admin@trellis.local / trellis-admin');
  });
});
