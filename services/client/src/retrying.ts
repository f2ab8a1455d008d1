import { backoffDelay, failureCode } from '@trellis/kit';
import type { Attempt, CallSettings } from './attempt.ts';
import { isIdempotent, type RetryBudget, retryAfterMs, retryableStatuses } from './retry.ts';
import { neverSent } from './upstream-errors.ts';

/** The longest `Retry-After` worth waiting for; a longer one is handed back, not waited out. */
export const maxRetryAfterMs = 5000;

/** Between retries: the kit's jittered exponential backoff from 100 ms up to 2 s. */
const retryDelays = { initial: 100, max: 2000 };

export interface RetryingOptions {
  attempt: Attempt;
  budget: RetryBudget;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
}

/** How long to wait before retrying an answer, or undefined to hand it back. */
function retryWait(
  response: Response,
  settings: CallSettings,
  options: RetryingOptions,
  backoff: () => number,
): number | undefined {
  if (!retryableStatuses.has(response.status)) {
    return undefined;
  }
  const asked =
    response.status === 429 || response.status === 503
      ? retryAfterMs(response.headers.get('retry-after'), options.now())
      : undefined;
  if (asked !== undefined && asked > maxRetryAfterMs) {
    return undefined;
  }
  if (!options.budget.withdraw(settings.budgetRatio, settings.budgetMinPerSecond)) {
    return undefined;
  }
  return asked ?? backoff();
}

/**
 * Runs attempts of a call until one answers: idempotent calls (and any refused connection)
 * again after a network error, timeout or 429/502/503/504, with the kit's jittered exponential
 * backoff, honouring a `Retry-After` of up to 5 s, within the retry budget.
 */
export function createRetrying(options: RetryingOptions) {
  const { budget, sleep } = options;
  return async (request: Request, resource: string, settings: CallSettings) => {
    const idempotent = isIdempotent(request);
    budget.deposit();
    for (let retry = 0; ; retry++) {
      const backoff = () => backoffDelay(retryDelays, retry);
      request.signal.throwIfAborted();
      const more = retry < settings.retries;
      let response: Response;
      try {
        response = await options.attempt(request, resource, settings);
      } catch (error) {
        if (request.signal.aborted) {
          throw request.signal.reason;
        }
        const retryable =
          !neverSent(error) && (idempotent || failureCode(error) === 'ECONNREFUSED');
        if (
          !retryable ||
          !more ||
          !budget.withdraw(settings.budgetRatio, settings.budgetMinPerSecond)
        ) {
          throw error;
        }
        await sleep(backoff(), request.signal);
        continue;
      }
      const wait = idempotent && more ? retryWait(response, settings, options, backoff) : undefined;
      if (wait === undefined) {
        return response;
      }
      await response.body?.cancel().catch(() => {});
      await sleep(wait, request.signal);
    }
  };
}
