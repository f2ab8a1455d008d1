/** One reading of a subscription, as its live charts draw it. */
export interface SubscriptionPoint {
  time: string;
  'Lag (s)': number;
  'Processed/s': number;
  'Failed/s': number;
  Waiting: number;
  Delayed: number;
}

export type SubscriptionTrend = SubscriptionPoint[];

interface Reading {
  id: string;
  lagSeconds: number | null;
  processedPerSecond: number;
  failedPerSecond: number;
  waiting: number | null;
  delayed: number | null;
}

/** How far back the charts go, and how close two kept readings may be. */
const trendMs = 10 * 60_000;
const closestMs = 2_000;

// Readings kept in this console server's memory, by subscription: the service answers a
// snapshot, the charts draw how it moved since the console started watching.
const history = new Map<string, { at: number; point: SubscriptionPoint }[]>();

function pointOf(reading: Reading, at: number): SubscriptionPoint {
  return {
    time: new Date(at).toISOString().slice(11, 19),
    'Lag (s)': Number((reading.lagSeconds ?? 0).toFixed(2)),
    'Processed/s': Number(reading.processedPerSecond.toFixed(2)),
    'Failed/s': Number(reading.failedPerSecond.toFixed(2)),
    Waiting: reading.waiting ?? 0,
    Delayed: reading.delayed ?? 0,
  };
}

/** Keeps this reading of every subscription; answers each one's trend, oldest first. */
export function rememberSubscriptions(
  readings: readonly Reading[],
  at: number,
): Map<string, SubscriptionTrend> {
  const trends = new Map<string, SubscriptionTrend>();
  for (const reading of readings) {
    const kept = (history.get(reading.id) ?? []).filter((entry) => at - entry.at <= trendMs);
    const last = kept.at(-1);
    if (!last || at - last.at >= closestMs) {
      kept.push({ at, point: pointOf(reading, at) });
    }
    history.set(reading.id, kept);
    trends.set(
      reading.id,
      kept.map((entry) => entry.point),
    );
  }
  return trends;
}

/** `orders/user.suspended` in a URL segment and back. */
export function subscriptionParam(id: string): string {
  return encodeURIComponent(id);
}

/** The dead-letter list's address with its filters. */
export function deadLettersPath(query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value) {
      params.set(name, value);
    }
  }
  const search = params.toString();
  return search ? `/messaging/dead-letters?${search}` : '/messaging/dead-letters';
}

/** The trace search's address for one event. */
export function tracePath(eventId: string): string {
  return `/messaging/trace?eventId=${encodeURIComponent(eventId)}`;
}

/** An endpoint's page: its facts and its delivery log. */
export function webhookEndpointPath(id: string): string {
  return `/messaging/webhooks/${encodeURIComponent(id)}`;
}
