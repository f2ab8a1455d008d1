/** Milliseconds from a monotonic origin, such as `performance.now`. Injected so tests own time. */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();
