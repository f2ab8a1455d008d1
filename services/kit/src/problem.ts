import { ApiError, errorStatus, errorTitles, type FieldError, problemType } from './errors.ts';

export const problemContentType = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: FieldError[];
  traceId?: string;
  [extension: string]: unknown;
}

export function toProblem(error: ApiError, meta: { instance?: string; traceId?: string }): Problem {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: errorTitles[error.code],
    status: error.status,
    detail: error.detail,
    ...(meta.instance ? { instance: meta.instance } : {}),
    errors: error.errors,
    ...(meta.traceId ? { traceId: meta.traceId } : {}),
  };
}

export function problemResponse(
  error: ApiError,
  meta: { instance?: string; traceId?: string },
): Response {
  const headers = new Headers(error.headers);
  headers.set('content-type', problemContentType);
  return new Response(JSON.stringify(toProblem(error, meta)), { status: error.status, headers });
}

export function internalError(cause: unknown): ApiError {
  return new ApiError('internal', {
    detail: 'An unexpected error occurred; the trace id identifies it in the logs.',
    cause,
  });
}

export function statusToCode(status: number): keyof typeof errorStatus {
  const match = Object.entries(errorStatus).find(([, value]) => value === status);
  if (match) {
    return match[0] as keyof typeof errorStatus;
  }
  return status >= 500 ? 'internal' : 'bad_request';
}
