import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors.ts';
import type { Logger } from './logger.ts';
import { internalError, problemContentType, statusToCode, toProblem } from './problem.ts';
import type { KitEnv } from './request-context.ts';

/** Answers with a problem document, keeping headers already set (request and trace ids). */
function problemBody(c: Context, error: ApiError): Response {
  const problem = toProblem(error, { instance: c.req.path, traceId: c.get('traceId') });
  for (const [header, value] of Object.entries(error.headers)) {
    c.header(header, value);
  }
  c.header('content-type', problemContentType);
  return c.body(JSON.stringify(problem), error.status);
}

/** Whatever was thrown, as the ApiError it answers with; anything unknown is a 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400 && /json/i.test(error.message)) {
      return new ApiError('bad_request', {
        detail: 'The request body is not valid JSON.',
        errors: [{ in: 'body', path: '', message: 'is not valid JSON' }],
      });
    }
    if (status === 415) {
      return new ApiError('unsupported_media_type', {
        detail: 'The request body must be sent as application/json.',
        errors: [{ in: 'header', path: 'content-type', message: 'must be application/json' }],
      });
    }
    return new ApiError(statusToCode(status), { detail: error.message || `HTTP ${status}` });
  }
  return internalError(error);
}

/**
 * Turns every thrown error and every unmatched path into problem+json; 5xx are logged as
 * errors with their cause, refusals at debug.
 */
export function answerErrorsAsProblems<Deps>(app: OpenAPIHono<KitEnv<Deps>>, logger: Logger) {
  app.onError((error, c) => {
    const apiError = toApiError(error);
    const log = c.get('logger') ?? logger;
    if (apiError.status >= 500) {
      log.error({ err: error }, 'request failed');
    } else {
      log.debug({ code: apiError.code, detail: apiError.detail }, 'request refused');
    }
    return problemBody(c, apiError);
  });
  app.notFound((c) =>
    problemBody(
      c,
      new ApiError('not_found', { detail: `No route for ${c.req.method} ${c.req.path}.` }),
    ),
  );
}
