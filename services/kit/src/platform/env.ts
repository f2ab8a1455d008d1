import { z } from 'zod';

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

/**
 * Variables every business service reads to reach the platform: the config center (which is
 * also the registry), its namespace, the secret that signs service tokens, and how this
 * instance presents itself. Without CONFIG_URL a service runs on its config defaults and does
 * not register.
 */
export const platformEnvShape = {
  CONFIG_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  CONFIG_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
    .default('dev'),
  SERVICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  INSTANCE_LABELS: instanceLabelsSchema,
  ADVERTISED_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  INSTANCE_WEIGHT: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Redis shared by the instances, for cluster-wide flow limits; without it each takes a share. */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  /** Where the last config applied is kept; empty keeps none. Relative to the working dir. */
  CONFIG_SNAPSHOT_DIR: z.string().default('.trellis/config-snapshots'),
};

/** A service's env schema refinement: CONFIG_URL needs SERVICE_TOKEN_SECRET. */
export function requireTokenSecretWithConfigUrl(
  env: { CONFIG_URL?: string | undefined; SERVICE_TOKEN_SECRET?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.CONFIG_URL && !env.SERVICE_TOKEN_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['SERVICE_TOKEN_SECRET'],
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
  SERVICE_TOKEN_SECRET?: string | undefined;
  INSTANCE_LABELS: Record<string, string>;
  ADVERTISED_URL?: string | undefined;
  INSTANCE_WEIGHT: number;
  REDIS_URL?: string | undefined;
  CONFIG_SNAPSHOT_DIR: string;
}
