import type { JWK } from 'jose';
import { z } from 'zod';
import { servicePrivateKeySchema, servicePublicKeysSchema } from '../identity/service-keys.ts';

// Both the registry's label names and the config center's `labels=` grammar accept these.
const labelKey = /^[A-Za-z_][A-Za-z0-9_.-]{0,62}$/;
const labelValue = /^[A-Za-z0-9_.\-/]{1,63}$/;

/** `zone:a,tier:canary` → `{ zone: 'a', tier: 'canary' }`; empty → `{}`. */
export const instanceLabelsSchema = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const labels: Record<string, string> = {};
    for (const pair of text.split(',').map((part) => part.trim())) {
      if (pair === '') {
        continue;
      }
      const [key, value, ...rest] = pair.split(':');
      if (!key || !value || rest.length > 0 || !labelKey.test(key) || !labelValue.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}" is not key:value (letters, digits and _ . - /, comma-separated)`,
        });
        return z.NEVER;
      }
      labels[key] = value;
    }
    return labels;
  });

const redisUrlOnly = z.url({ protocol: /^rediss?$/, hostname: /./ });
const sentinelUrl =
  /^redis\+sentinel:\/\/([^@/]*@)?[^,/@:]+(:\d{1,5})?(,[^,/@:]+(:\d{1,5})?)*(\/[^/?#]*)?$/;

/**
 * A Redis URL: `redis://`, `rediss://` (TLS), or `redis+sentinel://[:pw@]host:port[,host:port…]
 * /<master name>` for Sentinel, which WHATWG URL cannot parse (a port before another host).
 */
export function redisUrlSchema(error: string) {
  return z
    .string({ error })
    .refine((text) => sentinelUrl.test(text) || redisUrlOnly.safeParse(text).success, { error });
}

/** What REDIS_URL must be, said once for the services and `npm start`. */
export const redisUrlRule =
  'must be a redis:// or rediss:// URL with a host (redis://127.0.0.1:6379), or ' +
  'redis+sentinel://host:26379[,host:26379…]/<master name>';

/**
 * Variables every business service reads to reach the platform: the config center (which is
 * also the registry), its namespace, the service's own key and the keys it trusts, and how this
 * instance presents itself. Without CONFIG_URL a service runs on its config defaults and does
 * not register.
 */
export const platformEnvShape = {
  CONFIG_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  CONFIG_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
    .default('dev'),
  /** This service's private Ed25519 JWK (with `kid`): it signs the service's own tokens. */
  SERVICE_PRIVATE_KEY: servicePrivateKeySchema.optional(),
  /** The services' public keys, `{ "orders": <JWK> | [<JWK>, …] }`: whose tokens to trust. */
  SERVICE_PUBLIC_KEYS: servicePublicKeysSchema.optional(),
  /** Users' JWKS, which user access tokens are checked against. */
  JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** The bearer Prometheus sends for `/metrics` (and the console for `/resilience`). */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  INSTANCE_LABELS: instanceLabelsSchema,
  ADVERTISED_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  INSTANCE_WEIGHT: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Redis shared by the instances: queues, and cluster-wide flow limits (else each a share). */
  REDIS_URL: redisUrlSchema(redisUrlRule).optional(),
  /** Where the last config applied is kept; empty keeps none. Relative to the working dir. */
  CONFIG_SNAPSHOT_DIR: z.string().default('.trellis/config-snapshots'),
};

/** A service's env schema refinement: CONFIG_URL needs the service's own key to sign with. */
export function requireServiceKeyWithConfigUrl(
  env: { CONFIG_URL?: string | undefined; SERVICE_PRIVATE_KEY?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (env.CONFIG_URL && !env.SERVICE_PRIVATE_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['SERVICE_PRIVATE_KEY'],
      message: 'is required with CONFIG_URL',
    });
  }
}

export interface PlatformEnv {
  HOST: string;
  PORT: number;
  SERVICE_VERSION: string;
  CONFIG_URL?: string | undefined;
  CONFIG_NAMESPACE: string;
  SERVICE_PRIVATE_KEY?: (JWK & { kid: string; d: string }) | undefined;
  SERVICE_PUBLIC_KEYS?: Record<string, JWK | JWK[]> | undefined;
  JWKS_URL?: string | undefined;
  METRICS_TOKEN?: string | undefined;
  INSTANCE_LABELS: Record<string, string>;
  ADVERTISED_URL?: string | undefined;
  INSTANCE_WEIGHT: number;
  REDIS_URL?: string | undefined;
  CONFIG_SNAPSHOT_DIR: string;
}
