import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ServiceName } from '@trellis/client';
import { logLevelSchema, parseEnv, z } from '@trellis/kit';
import { deriveSessionKey } from './session-token';

const serviceUrl = (port: number) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(`http://127.0.0.1:${port}`);

const adminEnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  GATEWAY_URL: serviceUrl(4000),
  USERS_URL: serviceUrl(4101),
  ORDERS_URL: serviceUrl(4102),
  MEETINGS_URL: serviceUrl(4103),
  CONFIG_URL: serviceUrl(4110),
  MESSAGING_URL: serviceUrl(4120),
  ADMIN_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(28_800),
  LOG_LEVEL: logLevelSchema.default('info'),
  /** The bearer the services' `/metrics` and `/resilience` answer, as Prometheus holds it. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
});

export interface AdminConfig {
  serviceUrls: Record<ServiceName, string>;
  /** 32 bytes derived from ADMIN_SESSION_SECRET; encrypts the session cookie. */
  sessionKey: Uint8Array;
  sessionTtlSeconds: number;
  logLevel: string;
  /** `next dev`: the page policy allows what React's development build needs. */
  development: boolean;
  metricsToken: string | undefined;
}

// Kept on globalThis so that the development server's module reloads keep one key.
const devSecret = globalThis as typeof globalThis & { trellisAdminDevSecret?: string };

function sessionSecret(env: z.infer<typeof adminEnvSchema>): string {
  if (env.ADMIN_SESSION_SECRET) {
    return env.ADMIN_SESSION_SECRET;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'ADMIN_SESSION_SECRET is required in production: at least 32 random characters ' +
        '(npm start generates one into .trellis/secrets.json).',
    );
  }
  // Development only: a key of this process, so sessions end when the dev server restarts.
  devSecret.trellisAdminDevSecret ??= randomBytes(32).toString('base64url');
  return devSecret.trellisAdminDevSecret;
}

let cached: AdminConfig | undefined;

/**
 * The admin's settings, read from the environment once, when the server starts
 * (instrumentation.ts) rather than at import, so `next build` needs none of them.
 */
export function adminConfig(): AdminConfig {
  if (cached) {
    return cached;
  }
  const env = parseEnv(adminEnvSchema, process.env);
  cached = {
    serviceUrls: {
      gateway: env.GATEWAY_URL,
      users: env.USERS_URL,
      orders: env.ORDERS_URL,
      meetings: env.MEETINGS_URL,
      config: env.CONFIG_URL,
      messaging: env.MESSAGING_URL,
    },
    sessionKey: deriveSessionKey(sessionSecret(env)),
    sessionTtlSeconds: env.ADMIN_SESSION_TTL_SECONDS,
    logLevel: env.LOG_LEVEL,
    development: env.NODE_ENV === 'development',
    metricsToken: env.METRICS_TOKEN,
  };
  return cached;
}
