import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError } from './errors.ts';

const targetLocation: Record<string, FieldError['in']> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'header',
};

/** `['items', 0, 'quantity']` → `items[0].quantity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const name = String(segment);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return 'is required';
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field(s): ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

export function fieldErrorsFrom(error: z.ZodError, target?: string): FieldError[] {
  const location = target ? targetLocation[target] : undefined;
  return error.issues.map((issue) => ({
    ...(location ? { in: location } : {}),
    path: formatPath(issue.path),
    message: describeIssue(issue),
  }));
}

export function validationError(error: z.ZodError, target?: string): ApiError {
  const errors = fieldErrorsFrom(error, target);
  const where = target ? (targetLocation[target] ?? target) : 'input';
  const fields = errors.map((e) => e.path || where).join(', ');
  return new ApiError('bad_request', {
    detail: `The request ${where} is invalid: ${fields}.`,
    errors,
  });
}

type HookResult = Parameters<Hook<unknown, Env, string, unknown>>[0];

/** The defaultHook of every OpenAPIHono: invalid input becomes a 400 problem naming the fields. */
export function validationHook(result: HookResult): void {
  if (!result.success) {
    throw validationError(result.error as z.ZodError, result.target);
  }
}
