import { describe, expect, it } from 'vitest';
import {
  advertisedUrl,
  baseEnvSchema,
  connectPlatform,
  createStaticConfig,
  defineConfig,
  EnvError,
  followLogLevel,
  generateServiceKey,
  logLevelSchema,
  type PlatformEnv,
  parseEnv,
  platformEnvShape,
  portSchema,
  requireServiceKeyWithConfigUrl,
  stopBackgroundTasks,
  z,
} from '../src/index.ts';
import { captureLogger } from '../src/testing.ts';

const schema = baseEnvSchema
  .extend({ PORT: portSchema.default(4101), ...platformEnvShape })
  .superRefine(requireServiceKeyWithConfigUrl);
const database = { DATABASE_URL: 'postgres://u:p@db:5432/app' };

const definition = defineConfig(
  z.object({
    logLevel: logLevelSchema.optional(),
    maxItems: z.number().int().min(1).default(50),
  }),
);

function envErrorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(schema, source);
  } catch (error) {
    if (error instanceof EnvError) {
      return error;
    }
    throw error;
  }
  throw new Error('parseEnv accepted an invalid environment');
}

function platformEnv(overrides: Partial<PlatformEnv> = {}): PlatformEnv {
  return { ...parseEnv(schema, database), ...overrides };
}

describe('the platform environment', () => {
  it('runs without a config center by default', () => {
    expect(parseEnv(schema, database)).toMatchObject({
      CONFIG_NAMESPACE: 'dev',
      INSTANCE_LABELS: {},
      INSTANCE_WEIGHT: 100,
      CONFIG_SNAPSHOT_DIR: '.trellis/config-snapshots',
    });
    expect(parseEnv(schema, database).CONFIG_URL).toBeUndefined();
  });

  it('reads instance labels as key:value pairs', () => {
    const env = parseEnv(schema, { ...database, INSTANCE_LABELS: 'zone:a, tier:canary' });
    expect(env.INSTANCE_LABELS).toEqual({ zone: 'a', tier: 'canary' });
  });

  it.each(['zone', 'zone:a:b', 'zone:a b', ':a'])(
    'refuses the labels "%s" naming INSTANCE_LABELS',
    (labels) => {
      expect(envErrorOf({ ...database, INSTANCE_LABELS: labels }).variables[0]?.name).toBe(
        'INSTANCE_LABELS',
      );
    },
  );

  it('needs SERVICE_PRIVATE_KEY once CONFIG_URL is set', async () => {
    const error = envErrorOf({ ...database, CONFIG_URL: 'http://127.0.0.1:4110' });
    expect(error.variables).toEqual([
      { name: 'SERVICE_PRIVATE_KEY', message: 'is required with CONFIG_URL' },
    ]);
    const { privateJwk } = await generateServiceKey('orders');
    expect(
      parseEnv(schema, {
        ...database,
        CONFIG_URL: 'http://127.0.0.1:4110',
        SERVICE_PRIVATE_KEY: JSON.stringify(privateJwk),
      }).CONFIG_URL,
    ).toBe('http://127.0.0.1:4110');
  });

  it('advertises ADVERTISED_URL, else HOST:PORT with loopback for a wildcard host', () => {
    expect(advertisedUrl({ HOST: '10.0.0.12', PORT: 4101 })).toBe('http://10.0.0.12:4101');
    expect(advertisedUrl({ HOST: '0.0.0.0', PORT: 4101 })).toBe('http://127.0.0.1:4101');
    expect(
      advertisedUrl({ HOST: '0.0.0.0', PORT: 4101, ADVERTISED_URL: 'http://users:4101/' }),
    ).toBe('http://users:4101');
  });
});

describe('connectPlatform without a config center', () => {
  it('runs on the schema defaults, registers nothing and closes discovery on shutdown', async () => {
    const { logger } = captureLogger('orders');
    let closed = 0;
    let registry: unknown;
    const platform = await connectPlatform({
      service: 'orders',
      instanceId: 'orders-1',
      env: platformEnv(),
      definition,
      logger,
      discovery: (access) => {
        registry = access;
        return {
          close: () => {
            closed++;
          },
        };
      },
    });
    expect(platform.config.get()).toEqual({ maxItems: 50 });
    expect(platform.config.source).toBe('defaults');
    expect(platform.registration).toBeUndefined();
    expect(registry).toEqual({});
    await stopBackgroundTasks(platform.backgroundTasks, logger);
    expect(closed).toBe(1);
  });
});

describe('live log level', () => {
  it('follows the config’s logLevel and falls back to LOG_LEVEL when it is unset', () => {
    const { logger, lines } = captureLogger('orders');
    const config = createStaticConfig(definition);
    followLogLevel(config, logger, 'info');
    expect(logger.level).toBe('info');
    logger.debug('hidden');
    config.set({ logLevel: 'debug' });
    expect(logger.level).toBe('debug');
    const child = logger.child({ requestId: 'r1' });
    child.debug('shown');
    config.set({ logLevel: 'warn' });
    child.info('hidden too');
    config.set({});
    expect(logger.level).toBe('info');
    expect(lines.map((line) => [line.msg, line.from, line.to])).toEqual([
      ['log level changed', 'debug', 'info'],
      ['log level changed', 'info', 'debug'],
      ['shown', undefined, undefined],
      ['log level changed', 'debug', 'warn'],
      ['log level changed', 'warn', 'info'],
    ]);
  });
});

describe('static config', () => {
  it('parses what it is set to, fills defaults and tells listeners', () => {
    const config = createStaticConfig(definition, { maxItems: 3 });
    const seen: [number, number][] = [];
    const off = config.onChange((next, previous) => seen.push([previous.maxItems, next.maxItems]));
    config.set({ maxItems: 7 });
    off();
    config.set({});
    expect(seen).toEqual([[3, 7]]);
    expect(config.get()).toEqual({ maxItems: 50 });
    expect(() => config.set({ maxItems: 0 })).toThrow();
  });
});
