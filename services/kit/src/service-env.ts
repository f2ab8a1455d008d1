import type { z } from 'zod';
import { baseEnvSchema, portSchema } from './env.ts';
import {
  type PlatformEnv,
  platformEnvShape,
  requireServiceKeyWithConfigUrl,
} from './platform/env.ts';

/**
 * The environment of a service on the platform: the variables every service reads, PORT with
 * its default, the platform's (config center, keys, instance) and the service's own.
 */
export function serviceEnvSchema<Shape extends z.ZodRawShape>(defaultPort: number, shape: Shape) {
  return baseEnvSchema
    .extend({ PORT: portSchema.default(defaultPort), ...shape, ...platformEnvShape })
    .superRefine((env, ctx) => requireServiceKeyWithConfigUrl(env as PlatformEnv, ctx));
}
