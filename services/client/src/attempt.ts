import {
  BlockedError,
  type ClientPolicy,
  fetchWithin,
  openCallScope,
  type Resources,
} from '@trellis/kit';
import { type BulkheadPolicy, bulkhead, type IPolicy, noop } from 'cockatiel';
import type { ServiceName } from './services.ts';
import type { Discovery } from './transport.ts';

/** What one call runs under, read from the live policy when the call starts. */
export interface CallSettings {
  timeoutMs: number;
  retries: number;
  budgetRatio: number;
  budgetMinPerSecond: number;
  bulkhead: ClientPolicy['bulkhead'];
}

export interface AttemptOptions {
  service: ServiceName;
  discovery?: Discovery | undefined;
  fetch: (request: Request) => Promise<Response>;
  resources: Resources;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type Attempt = (
  request: Request,
  resource: string,
  settings: CallSettings,
) => Promise<Response>;

/** Holds the bulkhead of the current policy; a changed policy gets a new one. */
function createBulkheads() {
  let current: { key: string; policy: BulkheadPolicy } | undefined;
  return (settings: ClientPolicy['bulkhead']): IPolicy => {
    if (settings === undefined) {
      return noop;
    }
    const maxQueue = settings.maxQueue ?? 0;
    const key = `${settings.maxConcurrent}/${maxQueue}`;
    // Calls in flight keep the old bulkhead until they finish; new calls count against this one.
    if (current?.key !== key) {
      current = { key, policy: bulkhead(settings.maxConcurrent, maxQueue) };
    }
    return current.policy;
  };
}

/** The URL of `request` at the origin of `base` (scheme, host and port), or as it is. */
function retargeted(request: Request, base: string | undefined): string {
  if (base === undefined) {
    return request.url;
  }
  const origin = new URL(base);
  const url = new URL(request.url);
  return `${origin.protocol}//${origin.host}${url.pathname}${url.search}`;
}

/**
 * One attempt of a call: admitted by the resource entry (or blocked), paced, held to the
 * bulkhead, sent to the instance discovery resolves, within the attempt's deadline.
 */
export function createAttempt(options: AttemptOptions): Attempt {
  const { service, discovery } = options;
  const bulkheadFor = createBulkheads();

  async function send(request: Request, timeoutMs: number): Promise<Response> {
    const base = discovery ? await discovery.resolve(service) : undefined;
    // Never released: the deadline also ends a body still streaming when the time is up.
    const scope = openCallScope({ timeoutMs, signals: [request.signal] });
    try {
      // A body is read once: each attempt sends a copy, so the next one still has it.
      const source = request.body === null ? request : request.clone();
      const response = await fetchWithin(scope, options.fetch, source, retargeted(request, base));
      if (base !== undefined) {
        discovery?.reportSuccess?.(service, base);
      }
      return response;
    } catch (error) {
      if (base !== undefined && !request.signal.aborted) {
        discovery?.reportFailure?.(service, base);
      }
      throw error;
    }
  }

  return async (request, resource, settings) => {
    const entry = await options.resources.acquire(resource, { kind: 'outbound' });
    if (entry instanceof BlockedError) {
      throw entry;
    }
    let response: Response;
    try {
      if (entry.waitMs > 0) {
        await options.sleep(entry.waitMs, request.signal);
      }
      response = await bulkheadFor(settings.bulkhead).execute(
        () => send(request, settings.timeoutMs),
        request.signal,
      );
    } catch (error) {
      entry.exit({ error });
      throw error;
    }
    // A 4xx is the upstream working as specified; only 5xx counts against it.
    entry.exit(response.status >= 500 ? { error: response.status } : undefined);
    return response;
  };
}
