import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError } from './errors.ts';
import { findUnstorable } from './storable.ts';

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

/** The value at a zod issue path, to tell a missing field from one of the wrong type. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

// zod 4 leaves the offending input out of issues, so the caller passes the input in.
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return 'is required';
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field(s): ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

export function fieldErrorsFrom(error: z.ZodError, target?: string, input?: unknown): FieldError[] {
  const location = target ? targetLocation[target] : undefined;
  return error.issues.map((issue) => ({
    ...(location ? { in: location } : {}),
    path: formatPath(issue.path),
    message: describeIssue(issue, input),
  }));
}

export function validationError(error: z.ZodError, target?: string, input?: unknown): ApiError {
  return invalidInput(target, fieldErrorsFrom(error, target, input));
}

type HookResult = Parameters<Hook<unknown, Env, string, unknown>>[0];

function invalidInput(target: string | undefined, errors: FieldError[]): ApiError {
  const where = target ? (targetLocation[target] ?? target) : 'input';
  const fields = errors.map((e) => e.path || where).join(', ');
  return new ApiError('bad_request', {
    detail: `The request ${where} is invalid: ${fields}.`,
    errors,
  });
}

/** A 400 for strings Postgres cannot store anywhere in validated input, or undefined. */
export function unstorableInputError(data: unknown, target?: string): ApiError | undefined {
  const found = findUnstorable(data);
  if (found.length === 0) {
    return undefined;
  }
  const location = target ? targetLocation[target] : undefined;
  return invalidInput(
    target,
    found.map(({ path, message }) => ({
      ...(location ? { in: location } : {}),
      path: formatPath(path),
      message,
    })),
  );
}

/**
 * The defaultHook of every OpenAPIHono: invalid input becomes a 400 problem naming the fields.
 * The validator calls it after every validation, successful ones included, so it is also the
 * one place that refuses, in any body, query, path or header, text Postgres cannot store.
 */
export function validationHook(result: HookResult): void {
  if (!result.success) {
    // The validator passes the raw input as `data` beside the result; its type omits it.
    const input = (result as { data?: unknown }).data;
    throw validationError(result.error as z.ZodError, result.target, input);
  }
  const refusal = unstorableInputError(result.data, result.target);
  if (refusal) {
    throw refusal;
  }
}
