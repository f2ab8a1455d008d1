/** Milliseconds, injected so tests own time. */
export type Clock = () => number;

/**
 * Epoch milliseconds: every instance then cuts the same seconds, so the admin can add their
 * per-second figures up (a monotonic origin differs per process).
 */
export const systemClock: Clock = () => Date.now();
