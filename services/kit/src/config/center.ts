import type { Logger } from '../logger.ts';
import type { PlatformCaller } from '../platform-call/caller.ts';

/** What the loader, the watcher and the reporter share: the calls to one instance's config. */
export interface CenterAccess {
  calls: PlatformCaller;
  /** `/v1/config/<namespace>/<service>`. */
  target: string;
  /** The instance's query: its id, its labels and `extra`. */
  instanceQuery(extra?: Record<string, string>): string;
  logger: Logger;
  /** Aborted by `stop()`. */
  stopping: AbortSignal;
  /** Bound on each ordinary call. */
  requestTimeoutMs: number;
}

export function instanceQueryOf(instanceId: string, labels: Record<string, string> = {}) {
  const labelList = Object.entries(labels)
    .map(([key, value]) => `${key}:${value}`)
    .join(',');
  return (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      instanceId,
      ...(labelList ? { labels: labelList } : {}),
      ...extra,
    }).toString();
}
