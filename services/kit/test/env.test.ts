import { describe, expect, it } from 'vitest';
import { baseEnvSchema, EnvError, parseEnv, portSchema } from '../src/index.ts';

const schema = baseEnvSchema.extend({ PORT: portSchema.default(4101) });

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

describe('parseEnv', () => {
  it('applies the defaults and coerces numbers', () => {
    const env = parseEnv(schema, { DATABASE_URL: 'postgres://u:p@db:5432/app', PORT: '8080' });
    expect(env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8080,
      LOG_LEVEL: 'info',
      SERVICE_VERSION: '0.1.0',
    });
  });

  it('names every bad variable in one error, not only the first', () => {
    const error = envErrorOf({ PORT: 'eighty', DATABASE_URL: 'mysql://db/app', LOG_LEVEL: 'loud' });
    expect(error.variables.map((v) => v.name).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(error.message).toContain('LOG_LEVEL');
  });

  it('says a missing variable is required', () => {
    const error = envErrorOf({});
    expect(error.variables).toEqual([{ name: 'DATABASE_URL', message: 'is required' }]);
  });

  it('refuses a port out of range', () => {
    const error = envErrorOf({ DATABASE_URL: 'postgresql://db/app', PORT: '70000' });
    expect(error.variables.map((v) => v.name)).toEqual(['PORT']);
  });
});
