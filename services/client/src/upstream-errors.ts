import { ApiError, BlockedError, describeFailure } from '@trellis/kit';
import { BulkheadRejectedError } from 'cockatiel';
import type { ServiceName } from './services.ts';

const blockLabels: Record<BlockedError['reason'], string> = {
  flow: 'a flow rule',
  'hot-param': 'a hot-parameter rule',
  breaker: 'an open circuit breaker',
  system: 'the system rule',
};

/** Failures that happened before the call left this process, so they are never retried. */
export function neverSent(error: unknown): boolean {
  return (
    error instanceof BlockedError ||
    error instanceof BulkheadRejectedError ||
    error instanceof ApiError
  );
}

/** The problem a call to `service` that finally failed with `error` answers with. */
export function callFailure(error: unknown, service: ServiceName, resource: string): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof BlockedError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return new ApiError('dependency_unavailable', {
      detail: `${resource} is refused by ${blockLabels[error.reason]}; retry after ${seconds} s.`,
      extensions: { resource, reason: error.reason },
      headers: { 'retry-after': String(seconds) },
      cause: error,
    });
  }
  if (error instanceof BulkheadRejectedError) {
    return new ApiError('dependency_unavailable', {
      detail: `The ${service} service has too many calls in flight (bulkhead full).`,
      extensions: { resource, reason: 'bulkhead' },
      headers: { 'retry-after': '1' },
      cause: error,
    });
  }
  return new ApiError('dependency_unavailable', {
    detail: `The ${service} service cannot be reached (${describeFailure(error)}).`,
    cause: error,
    headers: { 'retry-after': '1' },
  });
}

/** Maps an upstream response the caller did not expect to the problem it should answer with. */
export function upstreamFailure(service: ServiceName, response: Response): ApiError {
  if (response.status >= 500 || response.status === 429) {
    return new ApiError('dependency_unavailable', {
      detail: `The ${service} service answered ${response.status}.`,
      headers: { 'retry-after': '1' },
    });
  }
  return new ApiError('internal', {
    detail: `The ${service} service answered an unexpected ${response.status}.`,
  });
}
