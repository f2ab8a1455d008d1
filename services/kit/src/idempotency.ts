import type { RouteConfig, z } from '@hono/zod-openapi';
import {
  type Database,
  type IdempotencyLookup,
  type IdempotencyRequest,
  lookupIdempotencyKey,
  requestHash,
  type Tx,
  writeIdempotently,
} from '@trellis/db';
import { type ErrorDeclaration, errorResponses } from './error-responses.ts';
import { ApiError } from './errors.ts';
import type { Access } from './identity/access.ts';
import { IdempotencyKeyHeaderSchema, jsonBody, jsonResponse } from './openapi.ts';
import { createRoute } from './route.ts';

export { IdempotencyKeyHeaderSchema } from './openapi.ts';

export class IdempotencyKeyReused extends ApiError {
  constructor() {
    super('unprocessable', {
      detail: 'This Idempotency-Key was already used with a different request body.',
      errors: [
        { in: 'header', path: 'idempotency-key', message: 'was used with a different body' },
      ],
    });
  }
}

export class IdempotencyKeyInUse extends ApiError {
  constructor() {
    super('conflict', {
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
      headers: { 'retry-after': '1' },
    });
  }
}

/** The 201 of a creating write, with the headers `createOnce` sets. */
export function createdResponse<T extends z.ZodType>(schema: T, description: string) {
  return {
    ...jsonResponse(schema, description),
    headers: {
      Location: { description: 'Path of the created resource.', schema: { type: 'string' } },
      'Idempotent-Replayed': {
        description: '`true` when this answer replays an earlier request with the same key.',
        schema: { type: 'string' },
      },
    },
  } as const;
}

export interface CreatedRouteConfig<
  Path extends string,
  Body extends z.ZodType,
  Created extends z.ZodType,
> extends Omit<RouteConfig, 'method' | 'path' | 'request' | 'responses' | 'description'> {
  path: Path;
  /** Who may create. */
  access: Access;
  /** Also the scope of its keys: `createOnce`'s `operation`. */
  operationId: string;
  /** What the route checks before it creates; how keys are honoured is added to it. */
  description: string;
  body: Body;
  /** The 201: the created resource. */
  created: { schema: Created; description: string };
  /** What it answers beyond every route's statuses and the keys' 409 and 422. */
  errors?: ErrorDeclaration[];
}

const idempotencyNote =
  'With an `Idempotency-Key`, a retry with the same body answers with the first result, even ' +
  'while the first request is still running; the same key with another body is refused with 422.';

/**
 * `POST` of a creating write served by `createOnce`: it takes an `Idempotency-Key` and a JSON
 * body, and answers 201 with the resource; a key still in use is a 409, a key reused with
 * another body a 422.
 */
export function createdRoute<
  Path extends string,
  Body extends z.ZodType,
  Created extends z.ZodType,
>({ body, created, errors = [], description, ...config }: CreatedRouteConfig<Path, Body, Created>) {
  return createRoute({
    ...config,
    method: 'post' as const,
    description: `${description} ${idempotencyNote}`,
    request: { headers: IdempotencyKeyHeaderSchema, body: jsonBody(body) },
    responses: {
      201: createdResponse(created.schema, created.description),
      ...errorResponses('conflict', 'unprocessable', ...errors),
    },
  });
}

export interface CreateOnceSpec<Prepared, Created> {
  /** The route's operationId: keys are scoped to it, and to `caller` when the route knows one. */
  operation: string;
  caller?: string;
  /**
   * What requests with one key are compared by (the same key with another body is refused):
   * the validated body, with any secret in it replaced by its `secretDigest`, since only a
   * digest of this is stored beside the key.
   */
  body: unknown;
  /** Checks and calls to other services; skipped when the key's answer is already stored. */
  prepare: () => Promise<Prepared>;
  /** The write, on the transaction that holds the key: the new resource's id and its body. */
  write: (tx: Tx, prepared: Prepared) => Promise<{ id: string; body: Created }>;
}

/**
 * A keyed digest (HMAC-SHA-256, hex) of a secret field such as a password, for `body`: equal
 * secrets still compare equal, but the stored fingerprint gives nothing to guess the secret
 * against without `key`.
 */
export async function secretDigest(key: Uint8Array, secret: string): Promise<string> {
  const hmac = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** The parts of a Hono context `createOnce` uses. */
interface CreateContext {
  req: { path: string; header(name: string): string | undefined };
  header(name: string, value: string): void;
}

function storedAnswer<Created>(
  c: CreateContext,
  stored: Exclude<IdempotencyLookup, { kind: 'new' }>,
): Created {
  if (stored.kind === 'mismatch') {
    throw new IdempotencyKeyReused();
  }
  if (stored.kind === 'pending') {
    throw new IdempotencyKeyInUse();
  }
  c.header('idempotent-replayed', 'true');
  if (stored.resourceId !== null) {
    c.header('location', `${c.req.path}/${stored.resourceId}`);
  }
  return stored.response as Created;
}

/**
 * Runs a creating write once per `Idempotency-Key` (through @trellis/db's `writeIdempotently`)
 * and returns the body to answer 201 with: the new resource's, or the one stored for the key.
 * A request whose key already has an answer skips `prepare`; racing ones wait for the first.
 * The route declares `IdempotencyKeyHeaderSchema`, so the header read here is validated; the
 * `Location` is the collection's path and the new id.
 */
export async function createOnce<Prepared, Created>(
  c: CreateContext,
  db: Database,
  now: Date,
  spec: CreateOnceSpec<Prepared, Created>,
): Promise<Created> {
  const key = c.req.header('idempotency-key');
  const scope = spec.caller === undefined ? spec.operation : `${spec.operation}@${spec.caller}`;
  const request: IdempotencyRequest | undefined =
    key === undefined ? undefined : { scope, key, requestHash: await requestHash(spec.body) };
  if (request) {
    const stored = await lookupIdempotencyKey(db, request, now);
    if (stored.kind !== 'new') {
      return storedAnswer(c, stored);
    }
  }
  const prepared = await spec.prepare();
  const outcome = await writeIdempotently(db, request, now, async (tx) => {
    const created = await spec.write(tx, prepared);
    return {
      value: created,
      answer: { statusCode: 201, response: created.body, resourceId: created.id },
    };
  });
  if (outcome.kind !== 'written') {
    return storedAnswer(c, outcome);
  }
  c.header('location', `${c.req.path}/${outcome.value.id}`);
  return outcome.value.body;
}
