import { z } from 'zod';
import { valueAt } from './validation.ts';

export class EnvError extends Error {
  constructor(readonly variables: { name: string; message: string }[]) {
    super(`Invalid environment:\n${variables.map((v) => `  ${v.name}: ${v.message}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment once at start; the error names every variable that is wrong. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) {
    return result.data;
  }
  throw new EnvError(
    result.error.issues.map((issue) => ({
      name: issue.path.map(String).join('.') || '(environment)',
      message:
        issue.code === 'invalid_type' && valueAt(source, issue.path) === undefined
          ? 'is required'
          : issue.message,
    })),
  );
}

export const logLevelSchema = z.enum([
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]);

/** Variables every service reads; services extend it with their own. */
export const baseEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  LOG_LEVEL: logLevelSchema.default('info'),
  INSTANCE_ID: z.string().min(1).optional(),
  SERVICE_VERSION: z.string().default('0.1.0'),
});

export const portSchema = z.coerce.number().int().min(1).max(65535);
