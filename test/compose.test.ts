import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { generatePlatformSecrets, privateKeyVariable } from '../scripts/platform-secrets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const businessServices = ['users', 'orders', 'meetings', 'messaging'] as const;
/** Every service of the platform's own code: each holds a key of its own. */
const platformServices = ['config', ...businessServices, 'gateway'] as const;
const registryUrl = 'http://config:4110';
const jwksUrl = 'http://users:4101/.well-known/jwks.json';
/** The only ports compose.yaml publishes. */
const published: Record<string, string> = { gateway: '4000:4000', admin: '3000:3000' };

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | number)[];
  networks?: string[];
  volumes?: string[];
  secrets?: (string | { source: string; target?: string })[];
  depends_on?: string[] | Record<string, unknown>;
}

interface Compose {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  secrets?: Record<string, { environment?: string; file?: string }>;
}

interface Authorization {
  type?: string;
  credentials_file?: string;
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  authorization?: Authorization;
  static_configs?: { targets: string[] }[];
  http_sd_configs?: { url: string; authorization?: Authorization }[];
}

async function readText(file: string): Promise<string> {
  return readFile(path.join(root, file), 'utf8');
}

async function readYaml<T>(file: string): Promise<T> {
  return parse(await readText(file), { merge: true }) as T;
}

/** What `npm run service-keys` writes to .env, which compose interpolates from. */
let dotenv: Record<string, string>;

/**
 * Resolves `${NAME}`, `${NAME:-default}` and `${NAME:?error}` as compose does with the
 * generated .env; a required variable the key set lacks throws, as `docker compose up` fails.
 */
function interpolate(value: unknown): string {
  return String(value).replace(
    /\$\{([A-Z_]+)(?:(:-|:\?)([^}]*))?\}/g,
    (_match, name: string, operator: string | undefined, fallback: string) => {
      const given = dotenv[name];
      if (given !== undefined) {
        return given;
      }
      if (operator === ':?') {
        throw new Error(`compose needs ${name}, which the generated key set does not hold`);
      }
      return operator === ':-' ? fallback : '';
    },
  );
}

function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(value)]),
  );
}

function publishedPorts(service: ComposeService): string[] {
  return (service.ports ?? []).map((port) => interpolate(port));
}

function commandText(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

function serviceOf(compose: Compose, name: string): ComposeService {
  const service = compose.services[name];
  if (!service) {
    throw new Error(`compose.yaml has no service ${name}`);
  }
  return service;
}

/** A service's env schema, found by its `<name>EnvSchema` export in src/env.ts. */
async function envSchemaOf(name: string): Promise<z.ZodType<{ PORT: number }>> {
  const module: Record<string, unknown> = await import(
    path.join(root, 'services', name, 'src', 'env.ts')
  );
  const schema = module[`${name}EnvSchema`];
  if (!schema) {
    throw new Error(`services/${name}/src/env.ts exports no ${name}EnvSchema`);
  }
  return schema as z.ZodType<{ PORT: number }>;
}

describe('compose.yaml', () => {
  let compose: Compose;
  let prometheus: { scrape_configs: ScrapeConfig[] };

  beforeAll(async () => {
    compose = await readYaml<Compose>('compose.yaml');
    prometheus = await readYaml('observability/prometheus/prometheus.yml');
    dotenv = await generatePlatformSecrets();
  });

  it.each(platformServices)('runs %s with an environment its env schema accepts', async (name) => {
    const service = serviceOf(compose, name);
    expect(commandText(service)).toContain(`services/${name}/src/main.ts`);
    const schema = await envSchemaOf(name);
    const env = environmentOf(service);
    const parsed = schema.safeParse(env);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const defaultPort = schema.parse({ ...env, PORT: undefined }).PORT;
    expect(Number(env.PORT)).toBe(defaultPort);
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('publishes only the gateway’s and the console’s ports', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name, service]) => [name, publishedPorts(service)]);
    expect(Object.fromEntries(publishing)).toEqual({
      gateway: [published.gateway],
      admin: [published.admin],
    });
  });

  it('keeps every service on the internal network, and only the gateway and the console on another', () => {
    const networks = compose.networks ?? {};
    const internal = Object.keys(networks).filter((name) => networks[name]?.internal === true);
    expect(internal).toEqual(['internal']);
    expect(networks.edge?.internal ?? false).toBe(false);
    for (const [name, service] of Object.entries(compose.services)) {
      // A service naming no network would join compose's default one, which is not internal.
      const joined = service.networks ?? ['default'];
      expect(joined, `${name}'s networks`).toEqual(
        name in published ? ['internal', 'edge'] : ['internal'],
      );
    }
  });

  it('publishes the debugging extras on the loopback address only', async () => {
    const debug = await readYaml<Compose>('compose.debug.yaml');
    for (const [name, service] of Object.entries(debug.services)) {
      expect(platformServices as readonly string[], name).not.toContain(name);
      for (const port of publishedPorts(service)) {
        expect(port, name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
      }
    }
  });

  it('holds no shared token secret anywhere', async () => {
    for (const file of [
      'compose.yaml',
      'compose.debug.yaml',
      'observability/prometheus/prometheus.yml',
    ]) {
      expect(await readText(file), file).not.toMatch(
        /SERVICE_TOKEN_SECRET|JWT_SECRET|service-token/,
      );
    }
    for (const [name, service] of Object.entries(compose.services)) {
      const variables = Object.keys(service.environment ?? {});
      expect(variables, name).not.toContain('JWT_SECRET');
      expect(variables, name).not.toContain('SERVICE_TOKEN_SECRET');
    }
  });

  it('gives every service its own private key, and all of them the same public keys', () => {
    const trustSet = JSON.parse(dotenv.SERVICE_PUBLIC_KEYS ?? '{}');
    const privateKeys = new Set<string>();
    for (const name of platformServices) {
      const service = serviceOf(compose, name);
      expect(String(service.environment?.SERVICE_PRIVATE_KEY), name).toMatch(
        new RegExp(`^\\$\\{${privateKeyVariable(name)}:\\?`),
      );
      const env = environmentOf(service);
      const own = JSON.parse(env.SERVICE_PRIVATE_KEY ?? '{}');
      expect(own.kid, name).toMatch(new RegExp(`^${name}-`));
      expect(trustSet[name]?.[0]?.kid, name).toBe(own.kid);
      expect(JSON.parse(env.SERVICE_PUBLIC_KEYS ?? '{}'), name).toEqual(trustSet);
      expect(env.JWKS_URL, name).toBe(jwksUrl);
      privateKeys.add(env.SERVICE_PRIVATE_KEY ?? '');
    }
    expect(privateKeys.size).toBe(platformServices.length);
    expect(JSON.stringify(trustSet)).not.toMatch(/"d":/);
    // Nothing else holds a private key: not the console, not Prometheus.
    for (const [name, service] of Object.entries(compose.services)) {
      if (!(platformServices as readonly string[]).includes(name)) {
        expect(Object.keys(service.environment ?? {}), name).not.toContain('SERVICE_PRIVATE_KEY');
      }
    }
  });

  it('gives users alone the key that seals its signing keys', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const env = environmentOf(service);
      if (name === 'users') {
        expect(Buffer.from(env.TOKEN_KEY_ENCRYPTION_KEY ?? '', 'base64')).toHaveLength(32);
      } else {
        expect(env, name).not.toHaveProperty('TOKEN_KEY_ENCRYPTION_KEY');
      }
    }
  });

  it.each([...businessServices, 'gateway'])(
    'has %s load its config from the center and register under its compose name',
    (name) => {
      const env = environmentOf(serviceOf(compose, name));
      expect(env.CONFIG_URL).toBe(registryUrl);
      expect(env.ADVERTISED_URL).toBe(`http://${name}:${env.PORT}`);
      expect(serviceOf(compose, name).depends_on).toMatchObject({
        config: { condition: 'service_healthy' },
      });
    },
  );

  it('runs the console with the services’ addresses and the metrics token, and no signing key', () => {
    const admin = serviceOf(compose, 'admin');
    expect(environmentOf(admin)).toMatchObject({
      USERS_URL: 'http://users:4101',
      ORDERS_URL: 'http://orders:4102',
      MEETINGS_URL: 'http://meetings:4103',
      MESSAGING_URL: 'http://messaging:4120',
      CONFIG_URL: registryUrl,
      GATEWAY_URL: 'http://gateway:4000',
      METRICS_TOKEN: dotenv.METRICS_TOKEN,
      ADMIN_SESSION_SECRET: dotenv.ADMIN_SESSION_SECRET,
    });
    expect(commandText(admin)).toMatch(/next start --hostname 0\.0\.0\.0 --port 3000$/);
  });

  it('runs Postgres with logical replication and Redis', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:18/);
    expect(commandText(compose.services.postgres ?? {})).toContain('wal_level=logical');
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
  });

  it('keeps Redis’ acknowledged jobs on a volume across a restart and never evicts them', () => {
    const redis = serviceOf(compose, 'redis');
    const command = commandText(redis);
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes).toContain('redis-data:/data');
  });

  it('runs messaging with the Redis its Node entry requires, and routes to it from the gateway', async () => {
    const { messagingNodeEnvSchema } = await import('../services/messaging/src/env.ts');
    const env = environmentOf(serviceOf(compose, 'messaging'));
    const parsed = messagingNodeEnvSchema.safeParse(env);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(env).toMatchObject({ PORT: '4120', REDIS_URL: 'redis://redis:6379' });
    const gateway = serviceOf(compose, 'gateway');
    expect(environmentOf(gateway).MESSAGING_URL).toBe('http://messaging:4120');
    expect(gateway.depends_on).toMatchObject({ messaging: { condition: 'service_healthy' } });
  });

  it('migrates and seeds once before the services start', () => {
    const setup = compose.services.setup;
    expect(commandText(setup ?? {})).toMatch(/migrate.*seed/);
    for (const name of [...platformServices, 'admin']) {
      expect(serviceOf(compose, name).depends_on, name).toMatchObject({
        setup: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('only depends on services it defines and mounts files that exist', () => {
    const names = Object.keys(compose.services);
    for (const [name, service] of Object.entries(compose.services)) {
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) {
        expect(names, `${name} depends on ${dependency}`).toContain(dependency);
      }
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('.')) {
          expect(existsSync(path.join(root, source)), `${name} mounts ${source}`).toBe(true);
        }
      }
    }
  });

  it('scrapes what the registry lists and the center with the metrics token, from a compose secret', () => {
    const sd = prometheus.scrape_configs.flatMap((job) => job.http_sd_configs ?? []);
    expect(sd).toEqual([
      expect.objectContaining({ url: `${registryUrl}/v1/registry/prometheus-sd` }),
    ]);
    const secretName = 'metrics_token';
    const authorizations = [
      ...sd.map((config) => config.authorization),
      ...prometheus.scrape_configs.map((job) => job.authorization),
    ];
    for (const authorization of authorizations) {
      expect(authorization?.type ?? 'Bearer').toBe('Bearer');
      expect(authorization?.credentials_file).toBe(`/run/secrets/${secretName}`);
    }
    const mounted = (compose.services.prometheus?.secrets ?? []).map((secret) =>
      typeof secret === 'string' ? secret : (secret.target ?? secret.source),
    );
    expect(mounted).toContain(secretName);
    // The very token every service and the console were given.
    expect(compose.secrets?.[secretName]).toEqual({ environment: 'METRICS_TOKEN' });
    for (const name of [...platformServices, 'admin']) {
      expect(environmentOf(serviceOf(compose, name)).METRICS_TOKEN, name).toBe(
        dotenv.METRICS_TOKEN,
      );
    }

    const targets = prometheus.scrape_configs.flatMap((job) =>
      (job.static_configs ?? []).flatMap((config) => config.targets),
    );
    expect(targets).toContain('config:4110');
    for (const target of targets) {
      const [host, port] = target.split(':');
      expect(environmentOf(serviceOf(compose, host ?? '')).PORT, `port of ${target}`).toBe(port);
    }
    for (const job of prometheus.scrape_configs) {
      expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    }
  });

  it('provisions Grafana with the compose Prometheus as its default data source', async () => {
    const provisioning = await readYaml<{ datasources: { type: string; url: string }[] }>(
      'observability/grafana/provisioning/datasources/prometheus.yml',
    );
    const [source] = provisioning.datasources;
    expect(source?.type).toBe('prometheus');
    const host = new URL(source?.url ?? '').hostname;
    expect(Object.keys(compose.services)).toContain(host);
    expect(compose.services.grafana?.volumes).toContain(
      './observability/grafana/provisioning:/etc/grafana/provisioning:ro',
    );
  });

  it('loads alert rules that watch metrics the kit exports', async () => {
    const config = await readYaml<{ rule_files?: string[] }>(
      'observability/prometheus/prometheus.yml',
    );
    expect(config.rule_files).toContain('/etc/prometheus/rules/*.yml');
    const rules = await readYaml<{
      groups: { name: string; rules: { alert: string; expr: string; for?: string }[] }[];
    }>('observability/prometheus/rules/resilience.yml');
    const kitSource = await readFile(
      path.join(root, 'services/kit/src/resilience/metrics.ts'),
      'utf8',
    );
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toContain('CircuitBreakerOpen');
    for (const rule of alerts) {
      expect(rule.for, `${rule.alert} waits before firing`).toMatch(/^\d+[smh]$/);
      for (const metric of rule.expr.match(/trellis_[a-z_]+/g) ?? []) {
        expect(kitSource, `${rule.alert} uses ${metric}`).toContain(`'${metric}'`);
      }
    }
  });
});
