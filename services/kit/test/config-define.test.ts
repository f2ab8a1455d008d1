import { describe, expect, it } from 'vitest';
import { defineConfig, z } from '../src/index.ts';

describe('defineConfig', () => {
  const definition = defineConfig(
    z.object({
      logLevel: z.enum(['info', 'debug']).default('info'),
      limits: z
        .object({ maxItems: z.number().int().max(100).default(50) })
        .default({ maxItems: 50 }),
      tags: z.record(z.string(), z.string()).default({}),
      apiKey: z.string().default('none'),
    }),
    { secrets: ['apiKey'] },
  );

  it('carries the JSON Schema of the input, every default optional', () => {
    expect(definition.jsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { logLevel: { enum: ['info', 'debug'], default: 'info' } },
    });
    expect(definition.jsonSchema.required).toBeUndefined();
  });

  it('closes objects to unknown keys but leaves records open', () => {
    const properties = definition.jsonSchema.properties as Record<string, Record<string, unknown>>;
    expect(definition.jsonSchema.additionalProperties).toBe(false);
    expect(properties.limits?.additionalProperties).toBe(false);
    expect(properties.tags?.additionalProperties).toEqual({ type: 'string' });
  });

  it('carries the defaults and the secret keys', () => {
    expect(definition.defaults).toEqual({
      logLevel: 'info',
      limits: { maxItems: 50 },
      tags: {},
      apiKey: 'none',
    });
    expect(definition.secretKeys).toEqual(['apiKey']);
  });

  it('has no defaults when a key has none', () => {
    expect(defineConfig(z.object({ url: z.string() })).defaults).toBeUndefined();
  });

  it('refuses a secret that is not a key of the schema', () => {
    expect(() => defineConfig(z.object({ a: z.string() }), { secrets: ['b' as 'a'] })).toThrow(
      /secret "b"/,
    );
  });
});
