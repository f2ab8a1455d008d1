import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Database } from '@trellis/db';
import type { LiveConfig, Logger, SecretCipher } from '@trellis/kit';
import type { WebhooksConfig } from './config.ts';
import type { DeliveryQueue } from './deps.ts';
import { newPushId } from './ids.ts';
import {
  type AttemptOutcome,
  appendToStreams,
  audit,
  claimDelivery,
  type EndpointRow,
  findDelivery,
  findEndpoint,
  lastDeliveriesAllFailed,
  recordAttempt,
  updateEndpoint,
} from './repository.ts';
import { openLiveSecrets, type StoredSecret, signatureHeader } from './secrets.ts';
import { parseIp, refusalOf, urlProblem } from './ssrf.ts';

/** The topic of the message an owner gets on their stream when their endpoint is disabled. */
export const endpointDisabledTopic = 'webhook.endpoint.disabled';

const excerptBytes = 1024;

export interface DeliveryContext {
  db: Database;
  cipher: SecretCipher;
  config: LiveConfig<{ webhooks: WebhooksConfig }>;
  logger: Logger;
  queue: DeliveryQueue;
  now?: () => Date;
}

/** A `dns.lookup` that refuses addresses webhooks may not reach, checked as the socket connects. */
export function guardedLookup(allowed: readonly string[]): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error);
        return;
      }
      for (const { address } of addresses) {
        const why = refusalOf(address, allowed);
        if (why) {
          callback(new Error(`${hostname} resolves to ${address}, ${why}`));
          return;
        }
      }
      if (options.all) {
        callback(null, addresses);
      } else {
        const first = addresses[0];
        callback(null, first?.address, first?.family);
      }
    });
  }) as LookupFunction;
}

/** Resolves a host to all its addresses, for the registration check (Node's resolver). */
export function nodeResolveHost(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    );
  });
}

/**
 * One POST: no redirect followed (node:http never follows them), the target's addresses checked
 * at connect time (DNS rebinding), the whole exchange bounded by `timeoutMs`, at most 1 KiB of
 * the answer kept.
 */
export function post(
  target: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowed: readonly string[],
): Promise<AttemptOutcome> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve({ statusCode: null, latencyMs: 0, responseExcerpt: null, error: 'not a URL' });
      return;
    }
    const problem = urlProblem(url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = parseIp(host) ? refusalOf(host, allowed) : undefined;
    if (problem || literal) {
      const error = problem ?? `${host} is ${literal}`;
      resolve({ statusCode: null, latencyMs: 0, responseExcerpt: null, error });
      return;
    }
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ ...outcome, latencyMs: latency() });
      }
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowed),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, excerptBytes).toString('utf8');
          finish({
            statusCode: response.statusCode ?? null,
            responseExcerpt: excerpt,
            error: null,
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= excerptBytes) {
            done();
          }
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', (error) =>
      finish({ statusCode: null, responseExcerpt: null, error: error.message }),
    );
    request.end(body);
  });
}

/** What happened to a delivery job. */
export type AttemptResult = 'attempted' | 'not-due' | 'missing';

/**
 * Makes one attempt of a delivery if it is due: signs it with every live secret, posts it, logs
 * the attempt, then schedules the next one, or gives up after the schedule's last and disables
 * the endpoint when it has failed for too long.
 */
export async function attemptDelivery(
  context: DeliveryContext,
  deliveryId: string,
  step: number,
  tag: string | undefined,
): Promise<AttemptResult> {
  const { db, config, logger } = context;
  const now = context.now ?? (() => new Date());
  const settings = config.get().webhooks;
  const claim = () => {
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + settings.timeoutMs * 2 + 5000);
    return claimDelivery(db, deliveryId, claimedAt, leaseUntil);
  };
  let delivery = await claim();
  if (!delivery) {
    if (!(await findDelivery(db, deliveryId))) {
      return 'missing';
    }
    // It may have committed after the failed claim: only a claim made after the row was seen
    // may call it not due (a job ending 'not-due' is done, and the next is the sweep's).
    delivery = await claim();
    if (!delivery) {
      return 'not-due';
    }
  }
  const endpoint = await findEndpoint(db, delivery.endpointId);
  if (endpoint?.status !== 'enabled') {
    await recordAttempt(
      db,
      delivery,
      { statusCode: null, latencyMs: 0, responseExcerpt: null, error: 'endpoint disabled' },
      { status: 'failed', nextAttemptAt: null },
      now(),
    );
    return 'attempted';
  }
  const secrets = await openLiveSecrets(
    context.cipher,
    endpoint.id,
    endpoint.secrets as StoredSecret[],
    now(),
  );
  const body = JSON.stringify({
    type: delivery.topic,
    timestamp: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  const timestamp = Math.floor(now().getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Trellis-Webhooks/1',
    'webhook-id': delivery.eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await signatureHeader(secrets, delivery.eventId, timestamp, body),
  };
  const outcome = await post(
    endpoint.url,
    headers,
    body,
    settings.timeoutMs,
    settings.allowPrivateTargets,
  );
  const succeeded =
    outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const nextStep = step + 1;
  const retryIn = settings.retrySchedule[nextStep];
  const finishedAt = now();
  const next = succeeded
    ? { status: 'succeeded' as const, nextAttemptAt: null }
    : retryIn === undefined
      ? { status: 'failed' as const, nextAttemptAt: null }
      : { status: 'pending' as const, nextAttemptAt: new Date(finishedAt.getTime() + retryIn) };

  const attempt = await db.transaction(async (tx) => {
    const number = await recordAttempt(tx, delivery, outcome, next, finishedAt);
    if (succeeded) {
      if (endpoint.failingSince) {
        await updateEndpoint(tx, endpoint.id, { failingSince: null }, finishedAt);
      }
      return number;
    }
    const failingSince = endpoint.failingSince ?? finishedAt;
    if (!endpoint.failingSince) {
      await updateEndpoint(tx, endpoint.id, { failingSince }, finishedAt);
    }
    const failingForMs = finishedAt.getTime() - failingSince.getTime();
    if (failingForMs > settings.disableAfterHours * 3_600_000) {
      await disableEndpoint(
        tx,
        endpoint,
        `every delivery failed for more than ${settings.disableAfterHours} hours`,
        finishedAt,
      );
    } else if (
      next.status === 'failed' &&
      (await lastDeliveriesAllFailed(tx, endpoint.id, settings.disableAfterFailedDeliveries))
    ) {
      await disableEndpoint(
        tx,
        endpoint,
        `the last ${settings.disableAfterFailedDeliveries} deliveries failed after every attempt`,
        finishedAt,
      );
    }
    return number;
  });
  logger.info(
    {
      deliveryId,
      endpointId: endpoint.id,
      eventId: delivery.eventId,
      attempt,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      outcome: next.status,
      ...(outcome.error ? { error: outcome.error } : {}),
    },
    'webhook attempt',
  );
  if (next.status === 'pending' && retryIn !== undefined) {
    await context.queue.enqueue(deliveryId, nextStep, retryIn, tag);
  }
  return 'attempted';
}

/** Disables an endpoint, tells its owner on their stream and audits it. */
export async function disableEndpoint(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  endpoint: EndpointRow,
  reason: string,
  now: Date,
): Promise<void> {
  await updateEndpoint(tx, endpoint.id, { status: 'disabled', disabledReason: reason }, now);
  await appendToStreams(tx, [endpoint.ownerId], {
    eventId: newPushId('evt'),
    topic: endpointDisabledTopic,
    payload: { endpointId: endpoint.id, url: endpoint.url, reason },
    occurredAt: now,
  });
  await audit(
    tx,
    {
      actor: 'system',
      action: 'webhook.endpoint.disable',
      target: endpoint.id,
      detail: { reason },
    },
    now,
  );
}
