import { ApiError } from '../errors.ts';
import type { BlockedError } from './resource.ts';

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function per(windowSec: number): string {
  return windowSec === 1 ? 'second' : `${windowSec} seconds`;
}

/**
 * The problem a refused call answers with: 429 with `Retry-After` and RateLimit headers for
 * flow and hot-parameter limits, 503 naming the resource for an open breaker or shedding.
 */
export function blockedToApiError(error: BlockedError): ApiError {
  const retryAfter = seconds(error.retryAfterMs);
  const extensions = { resource: error.resource, reason: error.reason };
  const headers: Record<string, string> = { 'retry-after': String(retryAfter) };
  switch (error.reason) {
    case 'flow':
    case 'hot-param': {
      const quota = error.quota;
      let limit = '';
      if (quota) {
        // draft-ietf-httpapi-ratelimit-headers: the policy that refused, and nothing left of it.
        headers['ratelimit-policy'] = `"${error.reason}";q=${quota.limit};w=${quota.windowSec}`;
        headers.ratelimit = `"${error.reason}";r=0;t=${retryAfter}`;
        const scope = quota.param ? ` for each ${quota.param}` : '';
        limit = ` is limited to ${quota.limit} calls per ${per(quota.windowSec)}${scope}`;
      } else {
        limit = ' is at its limit of calls in flight';
      }
      return new ApiError('rate_limited', {
        detail: `${error.resource}${limit}; retry after ${retryAfter} s.`,
        headers,
        extensions,
        cause: error,
      });
    }
    case 'breaker':
      return new ApiError('dependency_unavailable', {
        detail: `The circuit breaker of ${error.resource} is open; retry after ${retryAfter} s.`,
        headers,
        extensions,
        cause: error,
      });
    default:
      return new ApiError('overloaded', {
        detail: `The service is shedding load and refused ${error.resource}; retry after ${retryAfter} s.`,
        headers,
        extensions,
        cause: error,
      });
  }
}
