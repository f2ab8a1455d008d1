/** The closed set of error codes every Trellis service answers with, and their HTTP statuses. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  dependency_unavailable: 503,
  overloaded: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export const errorTitles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  precondition_required: 'Precondition required',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  dependency_unavailable: 'Service unavailable',
  overloaded: 'Service overloaded',
};

export interface FieldError {
  /** Where the field is: `body`, `query`, `path` or `header`. */
  in?: 'body' | 'query' | 'path' | 'header';
  /** The field, as `items[0].quantity`; empty for the whole input. */
  path: string;
  message: string;
}

export interface ApiErrorOptions {
  detail: string;
  errors?: FieldError[];
  /** Extra members of the problem document, e.g. `currentStatus` of an illegal transition. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type handlers and domains throw; `onError` turns it into problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ErrorStatus;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: ApiErrorOptions) {
    super(options.detail, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = errorStatus[code];
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export const problemTypeBase = 'urn:trellis:problem:';

export function problemType(code: ErrorCode): string {
  return `${problemTypeBase}${code.replaceAll('_', '-')}`;
}

/**
 * A lifecycle action that does not apply to a resource's status: 409 with the status it is in
 * as `currentStatus`, so a client can show why. `resource` reads in a sentence ("an order").
 */
export class IllegalStatusTransition extends ApiError {
  constructor(resource: string, from: string, action: string) {
    super('conflict', {
      detail: `Cannot ${action} ${resource} whose status is ${from}.`,
      extensions: { currentStatus: from },
    });
  }
}
