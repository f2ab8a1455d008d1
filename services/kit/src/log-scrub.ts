import { pino } from 'pino';

/**
 * What never reaches a log line, whoever logs: the query string of any URL or path (a reset
 * token or an email in a query is personal data) and the parameters of a failed SQL query
 * (a password hash, an email). Wired into every logger by `createLogger`.
 */

// A URL, or a path starting with `/`, followed by a query string.
const urlWithQuery =
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*|(?<![\w.~-])\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;

/** `text` with the query string of each URL or path in it replaced by `?[redacted]`. */
export function scrubUrlQueries(text: string): string {
  return text.includes('?') ? text.replace(urlWithQuery, '$1?[redacted]') : text;
}

// drizzle's DrizzleQueryError: `Failed query: <sql>\nparams: <values>`; the SQL has placeholders.
const failedQuery = /^(Failed query: [\s\S]*?)\nparams: [\s\S]*$/;

/** A log message without query strings, and without the values of a failed query. */
export function scrubMessage(message: unknown): unknown {
  return typeof message === 'string'
    ? scrubUrlQueries(message.replace(failedQuery, '$1'))
    : message;
}

const maxDepth = 8;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` without query strings, its errors serialized as `serializeError` does. */
function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return scrubUrlQueries(value);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (depth >= maxDepth) {
    return '[too deep]';
  }
  if (value instanceof Error) {
    return pino.stdSerializers.err(scrubError(value, depth));
  }
  if (Array.isArray(value)) {
    return value.map((item) => scrubValue(item, depth + 1));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = scrubValue(item, depth + 1);
  }
  return copy;
}

/** pino's `formatters.log`: every field scrubbed, but `err`, which its serializer takes. */
export function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    copy[key] = key === 'err' ? value : scrubValue(value, 1);
  }
  return copy;
}

/** Fields of driver errors that hold the values a query was run with. */
const valueFields = new Set(['params', 'parameters', 'args', 'types']);
/** Fields of a Postgres error that quote row values, e.g. `Key (email)=(ada@example.com)`. */
const rowFields = new Set(['detail', 'where']);

function isDatabaseError(error: Error): boolean {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof severity === 'string' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function messageOf(error: Error): string {
  return scrubMessage(error.message) as string;
}

/** A copy of `error` and its causes without query values, parameters or query strings. */
function scrubError(error: Error, depth = 0): Error {
  // DOMException's accessors (code, name) throw on anything but a real one, as a copy is.
  const prototype =
    typeof DOMException !== 'undefined' && error instanceof DOMException
      ? Error.prototype
      : Object.getPrototypeOf(error);
  const copy = Object.create(prototype) as Error & Record<string, unknown>;
  const database = isDatabaseError(error);
  for (const key of depth < maxDepth ? Object.keys(error) : []) {
    if (!valueFields.has(key) && !(database && rowFields.has(key)) && key !== 'cause') {
      copy[key] = scrubValue((error as unknown as Record<string, unknown>)[key], depth + 1);
    }
  }
  const message = messageOf(error);
  const hidden = {
    name: error.name,
    message,
    stack: error.stack && scrubUrlQueries(error.stack.replace(error.message, message)),
    ...(error.cause instanceof Error && depth < maxDepth
      ? { cause: scrubError(error.cause, depth + 1) }
      : {}),
  };
  // Not enumerable, as on the original: pino reads them, but does not repeat them as fields.
  for (const [key, value] of Object.entries(hidden)) {
    Object.defineProperty(copy, key, { value, enumerable: false, writable: true });
  }
  return copy;
}

/** pino's error serializer, applied to a scrubbed copy of the error. */
export function serializeError(error: unknown): unknown {
  return error instanceof Error ? pino.stdSerializers.err(scrubError(error)) : error;
}
