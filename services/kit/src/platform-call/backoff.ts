import { halfJitterGenerator } from 'cockatiel';

/** The first and the largest delay of an exponential backoff, in milliseconds. */
export interface BackoffDelays {
  initial: number;
  max: number;
}

/**
 * How long to wait after `failures` failures in a row: cockatiel's exponential backoff with
 * half jitter, `initial × 2^failures` capped at `max`, then drawn from its upper half.
 */
export function backoffDelay(delays: BackoffDelays, failures: number): number {
  const [delay] = halfJitterGenerator(failures, {
    // Required by cockatiel's option type; the generator called is the one above.
    generator: halfJitterGenerator,
    initialDelay: delays.initial,
    maxDelay: delays.max,
    exponent: 2,
  });
  return delay;
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    // A background retry must not keep the process alive on its own.
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}
