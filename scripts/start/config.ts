import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  baseEnvSchema,
  logLevelSchema,
  parseEnv,
  redisUrlRule,
  redisUrlSchema,
  z,
} from '@trellis/kit';
import { reservedPortUse } from './ports.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StartConfig {
  /** `.trellis/` by default: embedded Postgres data, Redis working dir, generated secrets. */
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  adminSessionSecret: string | undefined;
  /** Encrypts config secrets at rest: 32 bytes in base64; generated when unset. */
  configEncryptionKey: string | undefined;
  /** Encrypts users' token signing keys at rest: 32 bytes in base64; generated when unset. */
  tokenKeyEncryptionKey: string | undefined;
  /** Encrypts webhook endpoints' secrets at rest: 32 bytes in base64; generated when unset. */
  webhookEncryptionKey: string | undefined;
  /** The bearer for `/metrics` and `/resilience`; generated when unset. */
  metricsToken: string | undefined;
  /** Lifetime of users' access tokens: short, the console renews them with a refresh token. */
  accessTokenTtlSeconds: number;
  logLevel: string;
  ports: {
    config: number;
    users: number;
    orders: number;
    meetings: number;
    messaging: number;
    gateway: number;
  };
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
  MESSAGING_PORT: 4120,
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

const secondsRange = 'must be whole seconds from 60 to 3600';

const secret = z.string().min(32, 'must be at least 32 characters');

const encryptionKey = z
  .string()
  .refine(
    (text) => Buffer.from(text, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(text),
    'must be 32 bytes in base64 (openssl rand -base64 32)',
  );

/**
 * Settings `npm start` read before services had their own keys. Refused rather than ignored,
 * so nobody believes a secret is in force that nothing reads any more.
 */
const retiredSettings = {
  JWT_SECRET:
    'is no longer read: users signs access tokens with its own Ed25519 keys (kept in Postgres, sealed with TOKEN_KEY_ENCRYPTION_KEY); unset it',
  SERVICE_TOKEN_SECRET:
    'is no longer read: each service signs with its own key from <data dir>/service-keys.json; unset it',
  JWT_TTL_SECONDS: 'is now ACCESS_TOKEN_TTL_SECONDS (60 to 3600, 900 by default); rename it',
} as const;

const retired = (reason: string) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined, reason);

const startSettingsSchema = z
  .object({
    TRELLIS_DATA_DIR: z.string().optional(),
    DATABASE_URL: baseEnvSchema.shape.DATABASE_URL.optional(),
    REDIS_URL: redisUrlSchema(redisUrlRule).optional(),
    LOG_LEVEL: z
      .enum(logLevelSchema.options, {
        error: `must be one of ${logLevelSchema.options.join(', ')}`,
      })
      .default('info'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce
      .number({ error: secondsRange })
      .int(secondsRange)
      .min(60, secondsRange)
      .max(3600, secondsRange)
      .default(900),
    ADMIN_SESSION_SECRET: secret.optional(),
    METRICS_TOKEN: secret.optional(),
    CONFIG_ENCRYPTION_KEY: encryptionKey.optional(),
    TOKEN_KEY_ENCRYPTION_KEY: encryptionKey.optional(),
    WEBHOOK_ENCRYPTION_KEY: encryptionKey.optional(),
    JWT_SECRET: retired(retiredSettings.JWT_SECRET),
    SERVICE_TOKEN_SECRET: retired(retiredSettings.SERVICE_TOKEN_SECRET),
    JWT_TTL_SECONDS: retired(retiredSettings.JWT_TTL_SECONDS),
    ADMIN_CONSOLE: z.stringbool({ error: 'must be on or off' }).default(true),
    CONFIG_PORT: portNumber.default(portSettings.CONFIG_PORT),
    USERS_PORT: portNumber.default(portSettings.USERS_PORT),
    ORDERS_PORT: portNumber.default(portSettings.ORDERS_PORT),
    MEETINGS_PORT: portNumber.default(portSettings.MEETINGS_PORT),
    MESSAGING_PORT: portNumber.default(portSettings.MESSAGING_PORT),
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
    adminSessionSecret: settings.ADMIN_SESSION_SECRET,
    configEncryptionKey: settings.CONFIG_ENCRYPTION_KEY,
    tokenKeyEncryptionKey: settings.TOKEN_KEY_ENCRYPTION_KEY,
    webhookEncryptionKey: settings.WEBHOOK_ENCRYPTION_KEY,
    metricsToken: settings.METRICS_TOKEN,
    accessTokenTtlSeconds: settings.ACCESS_TOKEN_TTL_SECONDS,
    logLevel: settings.LOG_LEVEL,
    ports: {
      config: settings.CONFIG_PORT,
      users: settings.USERS_PORT,
      orders: settings.ORDERS_PORT,
      meetings: settings.MEETINGS_PORT,
      messaging: settings.MESSAGING_PORT,
      gateway: settings.GATEWAY_PORT,
    },
    adminConsole: settings.ADMIN_CONSOLE,
    adminPort: settings.ADMIN_PORT,
  };
}
