import { z } from '@hono/zod-openapi';
import { type ErrorCode, errorStatus, errorTitles, problemType } from './errors.ts';
import { ProblemSchema } from './openapi.ts';
import { problemContentType } from './problem.ts';
import { BLOCK_REASONS } from './resilience/sliding-window.ts';

/**
 * Members a route's problems of one code carry beyond RFC 9457's, by name, e.g.
 * `{ currentStatus: OrderStatusSchema }`; documented so generated clients type them.
 */
export type ProblemExtensions = Record<string, z.ZodType>;

/** A code a route answers with, or codes with the extension members their problems carry. */
export type ErrorDeclaration = ErrorCode | Partial<Record<ErrorCode, ProblemExtensions>>;

const statusDescriptions: Record<number, string> = {
  400: 'The request is malformed: a field is missing, has the wrong type or is out of range.',
  401: 'Authentication is missing or invalid.',
  403: 'The caller may not do this.',
  404: 'The resource does not exist.',
  409: 'The request conflicts with the current state of the resource.',
  412: 'The `If-Match` precondition failed: the resource changed since it was read.',
  413: 'The request body is larger than the service accepts.',
  415: 'The request body is not sent as `application/json`.',
  422: 'The request is well-formed but breaks a business rule.',
  429:
    'Flow-limited: a flow or hot-parameter rule of this route refused the call; retry after ' +
    '`Retry-After` seconds.',
  500: 'An unexpected error; the `traceId` identifies it in the logs.',
  503:
    "Unavailable: this route's circuit breaker is open, the service is shedding load, or a " +
    'dependency it needs cannot be reached; retry after `Retry-After` seconds.',
};

const resourceExtension = z.string().openapi({
  description: 'The guarded resource that refused the call: `METHOD /template` of this route.',
  example: 'POST /v1/orders',
});

/** Extension members are optional: one status covers several problems, not all carry them. */
function optional(extensions: ProblemExtensions): ProblemExtensions {
  const shape: ProblemExtensions = {};
  for (const [name, schema] of Object.entries(extensions)) {
    shape[name] = schema.optional();
  }
  return shape;
}

/** The problems of the statuses the kit itself answers with extension members, by status. */
const kitProblemSchemas: Record<number, z.ZodObject> = {
  412: ProblemSchema.extend(
    optional({
      currentEtag: z.string().openapi({
        description: 'The ETag the resource has now; read it again before retrying.',
        example: '"ord_01J9Z7Q4V0M8X6N2C5B3A1D0EF.v2"',
      }),
    }),
  ).openapi('PreconditionFailedProblem', {
    description: 'A stale `If-Match`, with the current ETag.',
  }),
  429: ProblemSchema.extend(
    optional({
      resource: resourceExtension,
      reason: z.enum(['flow', 'hot-param']).openapi({
        description: 'The kind of rule that refused the call.',
        example: 'flow',
      }),
    }),
  ).openapi('RateLimitedProblem', {
    description: 'A call refused by a flow or hot-parameter rule, naming the resource.',
  }),
  503: ProblemSchema.extend(
    optional({
      resource: resourceExtension.openapi({
        description:
          'The guarded resource that refused the call: this route, or a dependency as ' +
          '`service → METHOD /template`.',
        example: 'users → GET /v1/users/{id}',
      }),
      reason: z.enum([...BLOCK_REASONS, 'bulkhead']).openapi({
        description:
          'Why it was refused: `breaker` (circuit open), `system` (load shedding), `bulkhead` ' +
          "(a dependency's calls in flight are at their limit), or a dependency's flow rule.",
        example: 'breaker',
      }),
    }),
  ).openapi('UnavailableProblem', {
    description:
      'A call refused by an open breaker or load shedding, naming the resource, or one whose ' +
      'dependency cannot be reached.',
  }),
};

interface HeaderSpec {
  description: string;
  schema: { type: 'integer' | 'string'; minimum?: number; example: unknown };
}

const retryAfter: HeaderSpec = {
  description: 'Seconds to wait before retrying.',
  schema: { type: 'integer', minimum: 1, example: 1 },
};
const statusHeaders: Record<number, Record<string, HeaderSpec>> = {
  429: {
    'Retry-After': retryAfter,
    RateLimit: {
      description: 'The refusing policy with nothing left of it, as `"flow";r=0;t=<seconds>`.',
      schema: { type: 'string', example: '"flow";r=0;t=1' },
    },
    'RateLimit-Policy': {
      description: 'The refusing quota: `q` calls per `w` seconds.',
      schema: { type: 'string', example: '"flow";q=100;w=1' },
    },
  },
  503: { 'Retry-After': retryAfter },
};

/** Every route can be sent malformed input, be flow-limited, be refused by a breaker or shed, and fail. */
const everyRouteCodes: readonly ErrorCode[] = [
  'bad_request',
  'rate_limited',
  'internal',
  'dependency_unavailable',
  'overloaded',
];
/** Every route that takes a body can be sent one too large or not as JSON. */
export const bodyRouteCodes: readonly ErrorCode[] = ['payload_too_large', 'unsupported_media_type'];

function problemSchemaWith(status: number, extensions: ProblemExtensions) {
  const base = kitProblemSchemas[status] ?? ProblemSchema;
  return Object.keys(extensions).length === 0 ? base : base.extend(optional(extensions));
}

function problemResponseSpec(code: ErrorCode, extensions: ProblemExtensions) {
  const status = errorStatus[code];
  const description = statusDescriptions[status] ?? errorTitles[code];
  return {
    description,
    ...(statusHeaders[status] ? { headers: statusHeaders[status] } : {}),
    content: {
      [problemContentType]: {
        schema: problemSchemaWith(status, extensions),
        example: {
          type: problemType(code),
          title: errorTitles[code],
          status,
          detail: description,
          errors: [],
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        },
      },
    },
  };
}

export type ProblemResponses = Record<number, ReturnType<typeof problemResponseSpec>>;

/**
 * The error responses of a route: always 400, 429, 500 and 503 (every route can be sent
 * malformed input, be flow-limited, fail, or be refused by a breaker or load shedding), plus
 * the ones declared, each with the extension members its problems carry:
 * `errorResponses('not_found', { conflict: { currentStatus: OrderStatusSchema } })`.
 * The kit's `createRoute` adds 413 and 415 to routes that take a body.
 */
export function errorResponses(...declared: ErrorDeclaration[]): ProblemResponses {
  const byStatus = new Map<number, { code: ErrorCode; extensions: ProblemExtensions }>();
  const add = (code: ErrorCode, extensions: ProblemExtensions = {}) => {
    const status = errorStatus[code];
    const known = byStatus.get(status);
    byStatus.set(status, {
      code: known?.code ?? code,
      extensions: { ...known?.extensions, ...extensions },
    });
  };
  for (const code of everyRouteCodes) {
    add(code);
  }
  for (const declaration of declared) {
    if (typeof declaration === 'string') {
      add(declaration);
      continue;
    }
    for (const [code, extensions] of Object.entries(declaration)) {
      add(code as ErrorCode, extensions);
    }
  }
  const responses: ProblemResponses = {};
  for (const [status, { code, extensions }] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = problemResponseSpec(code, extensions);
  }
  return responses;
}
