import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseEnvSchema, logLevelSchema, parseEnv, z } from '@trellis/kit';
import { reservedPortUse } from './ports.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StartConfig {
  /** `.trellis/` by default: embedded Postgres data, Redis working dir, generated secrets. */
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  jwtSecret: string | undefined;
  adminSessionSecret: string | undefined;
  /** Signs the services' tokens to the config center; generated when unset. */
  serviceTokenSecret: string | undefined;
  /** Encrypts config secrets at rest: 32 bytes in base64; generated when unset. */
  configEncryptionKey: string | undefined;
  /** Lifetime of users' access tokens; long enough for a console session by default. */
  jwtTtlSeconds: number;
  logLevel: string;
  ports: { config: number; users: number; orders: number; meetings: number; gateway: number };
  /** Off when the console is run elsewhere (`npm run dev -w @trellis/admin`) or not at all. */
  adminConsole: boolean;
  adminPort: number;
}

/** The settings that name a port, each with the part of the platform that listens on it. */
export const portSettings = {
  CONFIG_PORT: 4110,
  USERS_PORT: 4101,
  ORDERS_PORT: 4102,
  MEETINGS_PORT: 4103,
  GATEWAY_PORT: 4000,
  ADMIN_PORT: 3000,
} as const;
export type PortSetting = keyof typeof portSettings;

const portNumber = z
  .string()
  .regex(/^\d{1,5}$/, { error: (issue) => `"${issue.input}" is not a port number (1 to 65535)` })
  .transform(Number)
  .superRefine((port, ctx) => {
    const reservedFor = reservedPortUse(port);
    if (port < 1 || port > 65_535) {
      ctx.addIssue({ code: 'custom', message: `${port} is not a port number (1 to 65535)` });
    } else if (reservedFor) {
      const refusal = `${port} is reserved for ${reservedFor}: browsers and Next.js refuse it`;
      ctx.addIssue({ code: 'custom', message: `${refusal}; choose another port` });
    }
  });

const secondsRange = 'must be whole seconds from 60 to 86400';

const secret = z.string().min(32, 'must be at least 32 characters');

const encryptionKey = z
  .string()
  .refine(
    (text) => Buffer.from(text, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(text),
    'must be 32 bytes in base64 (openssl rand -base64 32)',
  );

const startSettingsSchema = z
  .object({
    TRELLIS_DATA_DIR: z.string().optional(),
    DATABASE_URL: baseEnvSchema.shape.DATABASE_URL.optional(),
    REDIS_URL: z
      .url({
        protocol: /^rediss?$/,
        hostname: /./,
        error: 'must be a redis:// or rediss:// URL with a host, such as redis://127.0.0.1:6379',
      })
      .optional(),
    LOG_LEVEL: z
      .enum(logLevelSchema.options, {
        error: `must be one of ${logLevelSchema.options.join(', ')}`,
      })
      .default('info'),
    JWT_TTL_SECONDS: z.coerce
      .number({ error: secondsRange })
      .int(secondsRange)
      .min(60, secondsRange)
      .max(86_400, secondsRange)
      .default(8 * 3600),
    JWT_SECRET: secret.optional(),
    ADMIN_SESSION_SECRET: secret.optional(),
    SERVICE_TOKEN_SECRET: secret.optional(),
    CONFIG_ENCRYPTION_KEY: encryptionKey.optional(),
    ADMIN_CONSOLE: z.stringbool({ error: 'must be on or off' }).default(true),
    CONFIG_PORT: portNumber.default(portSettings.CONFIG_PORT),
    USERS_PORT: portNumber.default(portSettings.USERS_PORT),
    ORDERS_PORT: portNumber.default(portSettings.ORDERS_PORT),
    MEETINGS_PORT: portNumber.default(portSettings.MEETINGS_PORT),
    GATEWAY_PORT: portNumber.default(portSettings.GATEWAY_PORT),
    ADMIN_PORT: portNumber.default(portSettings.ADMIN_PORT),
  })
  .superRefine((settings, ctx) => {
    const claimedBy = new Map<number, PortSetting>();
    for (const name of usedPortSettings(settings.ADMIN_CONSOLE)) {
      const port = settings[name];
      const first = claimedBy.get(port);
      if (first) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${port} is ${first} too; each needs a port of its own`,
        });
      } else {
        claimedBy.set(port, name);
      }
    }
  });

/** The port settings in use: ADMIN_PORT only when the console runs here. */
export function usedPortSettings(adminConsole: boolean): PortSetting[] {
  const names = Object.keys(portSettings) as PortSetting[];
  return adminConsole ? names : names.filter((name) => name !== 'ADMIN_PORT');
}

/** An empty variable counts as unset, as `FOO= npm start` means in a shell. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

/**
 * Everything `npm start` takes from the environment, read in one place. Throws an `EnvError`
 * naming every setting that is malformed; whether the ports are free is `checkSettings`' part.
 */
export function readStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  const settings = parseEnv(startSettingsSchema, withoutEmpty(env));
  return {
    dataDir: path.resolve(settings.TRELLIS_DATA_DIR ?? path.join(repoRoot, '.trellis')),
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    jwtSecret: settings.JWT_SECRET,
    adminSessionSecret: settings.ADMIN_SESSION_SECRET,
    serviceTokenSecret: settings.SERVICE_TOKEN_SECRET,
    configEncryptionKey: settings.CONFIG_ENCRYPTION_KEY,
    jwtTtlSeconds: settings.JWT_TTL_SECONDS,
    logLevel: settings.LOG_LEVEL,
    ports: {
      config: settings.CONFIG_PORT,
      users: settings.USERS_PORT,
      orders: settings.ORDERS_PORT,
      meetings: settings.MEETINGS_PORT,
      gateway: settings.GATEWAY_PORT,
    },
    adminConsole: settings.ADMIN_CONSOLE,
    adminPort: settings.ADMIN_PORT,
  };
}
