import 'server-only';
import { type ServiceName, serviceNames } from '@trellis/client';
import { describeFailure as describePlatformFailure } from '@trellis/kit';
import {
  type MetricsSample,
  type RequestFigures,
  readRequestHistogram,
  requestFigures,
} from '@/lib/request-metrics';
import { asMetricsReader, serviceUrl } from '@/lib/services';

export interface ServiceProbe {
  /** A service with a published contract, or any other that registered. */
  name: ServiceName | (string & {});
  url: string;
  /** `up`: ready; `not-ready`: answers but a dependency check fails; `down`: no answer. */
  state: 'up' | 'not-ready' | 'down';
  /** Why it is down or not ready. */
  reason?: string;
  version?: string;
  instance?: string;
  uptimeSeconds?: number;
  checks?: Record<string, string>;
  /** Absent when the metrics could not be read. */
  figures?: RequestFigures;
  /** Request rate between the scrapes of the last minutes, oldest first. */
  trend?: TrendPoint[];
  checkedAt: string;
}

const probeTimeoutMs = 2000;
/** Rates are taken over about this long, once enough scrapes have been kept. */
const rateWindowMs = 60_000;
/** A shorter window than this says more about timing noise than about traffic. */
const shortestWindowMs = 4_000;
/** How far back the request-rate trend goes. */
const trendMs = 10 * 60_000;

export interface TrendPoint {
  time: string;
  'Requests/s': number;
}

// Scrapes kept per instance in this server's memory: rates need an earlier sample.
const history = new Map<string, MetricsSample[]>();

/** Keeps a scrape; answers the baseline to take rates against and the recent trend. */
function remember(key: string, sample: MetricsSample) {
  const kept = (history.get(key) ?? []).filter(
    (earlier) => sample.at - earlier.at <= trendMs && earlier.at < sample.at,
  );
  // A restarted instance counts from zero again: its older scrapes say nothing about it now.
  const current = kept.filter((earlier) => earlier.uptimeSeconds <= sample.uptimeSeconds);
  const samples = [...current, sample];
  history.set(key, samples.slice(-240));
  const baseline = current.find(
    (earlier) =>
      sample.at - earlier.at <= rateWindowMs && sample.at - earlier.at >= shortestWindowMs,
  );
  const trend: TrendPoint[] = [];
  let previous: MetricsSample | undefined;
  for (const point of samples) {
    if (!previous) {
      previous = point;
    } else if (point.at - previous.at >= shortestWindowMs) {
      trend.push({
        time: new Date(point.at).toISOString().slice(11, 19),
        'Requests/s': Number(requestFigures(point, previous).requestsPerSecond.toFixed(2)),
      });
      previous = point;
    }
  }
  return { baseline, trend };
}

/** A platform endpoint's JSON (`{}` for a body that is not JSON), within the probe timeout. */
export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    headers,
    signal: AbortSignal.timeout(probeTimeoutMs),
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

/** Why an instance could not be reached, in a few words. */
export function describeFailure(error: unknown): string {
  const failure = describePlatformFailure(error);
  return failure === 'timed out' ? `no answer within ${probeTimeoutMs / 1000} s` : failure;
}

async function readFigures(
  url: string,
  key: string,
  uptimeSeconds: number,
): Promise<Pick<ServiceProbe, 'figures' | 'trend'>> {
  try {
    const response = await fetch(`${url}/metrics`, {
      headers: asMetricsReader(),
      signal: AbortSignal.timeout(probeTimeoutMs),
      cache: 'no-store',
    });
    if (!response.ok) {
      return {};
    }
    const sample = {
      at: Date.now(),
      uptimeSeconds,
      histogram: await readRequestHistogram(await response.text()),
    };
    const { baseline, trend } = remember(key, sample);
    return { figures: requestFigures(sample, baseline), trend };
  } catch {
    return {};
  }
}

/** Health, readiness and request figures of one service, from its platform endpoints. */
export function probeService(name: ServiceName): Promise<ServiceProbe> {
  return probeAt(name, serviceUrl(name));
}

/** The same probe of one instance at its own address. */
export async function probeAt(name: string, url: string): Promise<ServiceProbe> {
  const checkedAt = new Date().toISOString();
  try {
    const [health, readiness] = await Promise.all([
      getJson(`${url}/healthz`),
      getJson(`${url}/readyz`),
    ]);
    const version = String(health.body.version ?? '');
    const instance = String(health.body.instance ?? name);
    const uptimeSeconds = Number(health.body.uptimeSeconds ?? 0);
    const checks = (readiness.body.checks ?? {}) as Record<string, string>;
    const ready = readiness.status === 200;
    const failing = Object.entries(checks).filter(([, result]) => result !== 'ok');
    return {
      name,
      url,
      state: ready ? 'up' : 'not-ready',
      ...(ready
        ? {}
        : {
            reason:
              failing.map(([check, result]) => `${check}: ${result}`).join('; ') ||
              `readiness answered ${readiness.status}`,
          }),
      version,
      instance,
      uptimeSeconds,
      checks,
      ...(await readFigures(url, `${name}/${instance}`, uptimeSeconds)),
      checkedAt,
    };
  } catch (error) {
    return { name, url, state: 'down', reason: describeFailure(error), checkedAt };
  }
}

export function probeServices(): Promise<ServiceProbe[]> {
  return Promise.all(serviceNames.map(probeService));
}
