import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';

const root = fileURLToPath(new URL('..', import.meta.url));
const businessServices = ['users', 'orders', 'meetings', 'gateway'] as const;
const registryUrl = 'http://config:4110';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | number)[];
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
}

interface Compose {
  services: Record<string, ComposeService>;
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
  http_sd_configs?: {
    url: string;
    authorization?: { type?: string; credentials_file?: string };
  }[];
}

async function readYaml<T>(file: string): Promise<T> {
  return parse(await readFile(path.join(root, file), 'utf8'), { merge: true }) as T;
}

/** Resolves `${NAME:-default}` the way compose does when NAME is unset. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
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
  });

  it.each(['config', ...businessServices])(
    'runs %s with an environment its env schema accepts',
    async (name) => {
      const service = compose.services[name];
      expect(service, `compose service ${name}`).toBeDefined();
      if (!service) {
        return;
      }
      expect(commandText(service)).toContain(`services/${name}/src/main.ts`);
      const schema = await envSchemaOf(name);
      const env = environmentOf(service);
      const parsed = schema.safeParse(env);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const defaultPort = schema.parse({ ...env, PORT: undefined }).PORT;
      expect(Number(env.PORT)).toBe(defaultPort);
      expect(env.HOST).toBe('0.0.0.0');
      expect(publishedPorts(service)).toContain(`${defaultPort}:${defaultPort}`);
    },
  );

  it.each(businessServices)(
    'has %s load its config from the center and register under its compose name',
    (name) => {
      const env = environmentOf(compose.services[name] ?? {});
      expect(env.CONFIG_URL).toBe(registryUrl);
      expect(env.ADVERTISED_URL).toBe(`http://${name}:${env.PORT}`);
      expect(env.SERVICE_TOKEN_SECRET).toBe(
        environmentOf(compose.services.config ?? {}).SERVICE_TOKEN_SECRET,
      );
      expect(compose.services[name]?.depends_on).toMatchObject({
        config: { condition: 'service_healthy' },
      });
    },
  );

  it('gives the config center the users service’s JWT secret', () => {
    expect(environmentOf(compose.services.config ?? {}).JWT_SECRET).toBe(
      environmentOf(compose.services.users ?? {}).JWT_SECRET,
    );
  });

  it('runs Postgres with logical replication and Redis', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:18/);
    expect(commandText(compose.services.postgres ?? {})).toContain('wal_level=logical');
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
  });

  it('migrates and seeds once before the services start', () => {
    const setup = compose.services.setup;
    expect(commandText(setup ?? {})).toMatch(/migrate.*seed/);
    for (const name of businessServices) {
      expect(compose.services[name]?.depends_on).toMatchObject({
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

  it('scrapes what the registry lists, with a token file a one-shot writes, and the center', () => {
    const sd = prometheus.scrape_configs.flatMap((job) => job.http_sd_configs ?? []);
    expect(sd).toEqual([
      expect.objectContaining({ url: `${registryUrl}/v1/registry/prometheus-sd` }),
    ]);
    const credentials = sd[0]?.authorization?.credentials_file ?? '';
    expect(sd[0]?.authorization?.type ?? 'Bearer').toBe('Bearer');
    const mounts = compose.services.prometheus?.volumes ?? [];
    const mount = mounts.find((volume) => credentials.startsWith(`${volume.split(':')[1]}/`));
    expect(mount, `a volume holding ${credentials}`).toBeDefined();
    const volume = mount?.split(':')[0] ?? '';
    const writer = compose.services['prometheus-token'];
    expect(writer?.volumes?.map((v) => v.split(':')[0])).toContain(volume);
    expect(commandText(writer ?? {})).toContain(`${path.basename(credentials)}`);
    expect(environmentOf(writer ?? {}).SERVICE_TOKEN_SECRET).toBe(
      environmentOf(compose.services.config ?? {}).SERVICE_TOKEN_SECRET,
    );
    expect(compose.services.prometheus?.depends_on).toMatchObject({
      'prometheus-token': { condition: 'service_completed_successfully' },
    });

    const targets = prometheus.scrape_configs.flatMap((job) =>
      (job.static_configs ?? []).flatMap((config) => config.targets),
    );
    expect(targets).toContain('config:4110');
    for (const target of targets) {
      const [host, port] = target.split(':');
      const service = compose.services[host ?? ''];
      expect(service, `scrape target ${target}`).toBeDefined();
      expect(environmentOf(service ?? {}).PORT, `port of ${target}`).toBe(port);
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
