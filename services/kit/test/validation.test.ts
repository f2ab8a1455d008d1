import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv } from '../src/env.ts';
import { fieldErrorsFrom, formatPath } from '../src/validation.ts';

describe('field errors', () => {
  const schema = z.object({ name: z.string(), items: z.array(z.object({ quantity: z.number() })) });

  it('says a missing field is required and a mistyped one has the wrong type', () => {
    const input = { items: [{ quantity: 'three' }] };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const errors = fieldErrorsFrom(result.error as z.ZodError, 'json', input);
    expect(errors).toEqual([
      { in: 'body', path: 'name', message: 'is required' },
      {
        in: 'body',
        path: 'items[0].quantity',
        message: expect.stringContaining('expected number'),
      },
    ]);
  });

  it('formats paths with indexes in brackets', () => {
    expect(formatPath(['items', 0, 'quantity'])).toBe('items[0].quantity');
    expect(formatPath([])).toBe('');
  });

  it('tells a missing variable from a malformed one at start', () => {
    const env = z.object({ PORT: z.coerce.number().int(), DATABASE_URL: z.string() });
    expect(() => parseEnv(env, { PORT: 'abc' })).toThrowError(
      /PORT: Invalid input: expected number[\s\S]*DATABASE_URL: is required|DATABASE_URL: is required[\s\S]*PORT: Invalid input/,
    );
  });
});
