import type { ConnectionOptions, JobsOptions } from 'bullmq';
import type { EventEnvelope } from './envelope.ts';
import { maxEventAttempts } from './retry-policy.ts';

/**
 * A subscription's id: `<group>/<topic>` (`orders/user.suspended`), and for a broadcast
 * subscription `<group>/<topic>/<instance>`. BullMQ refuses `:` in queue names.
 */
export function subscriptionId(group: string, topic: string, instance?: string): string {
  return instance === undefined ? `${group}/${topic}` : `${group}/${topic}/${instance}`;
}

/**
 * The BullMQ queue of a subscription. The braces are a Redis Cluster hash tag: every key of one
 * queue lands in one slot, as BullMQ's Lua scripts need, while queues spread over the cluster.
 */
export function queueName(subscription: string): string {
  return `{${subscription}}`;
}

/** Where every messaging key lives in Redis: `trellis:{<subscription>}:wait`, … */
export const queuePrefix = 'trellis';

/**
 * Jobs kept once done, bounded (BullMQ keeps them all by default): completed ones an hour,
 * failed ones a week (the dead letters themselves are rows in Postgres).
 */
export const keptJobs: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/**
 * The backoff type of every event job: BullMQ asks the subscriber's worker (its custom
 * `backoffStrategy`) for the delay, so the subscription's own retry policy applies whoever
 * added the job (the relay, a replay).
 */
export const eventBackoffType = 'subscription';

/**
 * The job of one event for one subscription; its id is the event's, so a second add is a no-op.
 * It may be tried up to `maxEventAttempts` times; the subscriber dead-letters it at its own
 * policy's last attempt.
 */
export function eventJob(envelope: EventEnvelope, delayMs = 0) {
  return {
    name: envelope.topic,
    data: envelope,
    opts: {
      jobId: envelope.replayedBy ? `${envelope.id}-replay-${Date.now()}` : envelope.id,
      ...(delayMs > 0 ? { delay: delayMs } : {}),
      attempts: maxEventAttempts,
      backoff: { type: eventBackoffType },
      ...keptJobs,
    } satisfies JobsOptions,
  };
}

/**
 * BullMQ's connection from a Redis URL: `redis://[:password@]host:port[/db]`, `rediss://` for
 * TLS, or `redis+sentinel://[:password@]host:port[,host:port…]/<master name>` for Sentinel.
 * Workers block on Redis, so commands never give up on their own (`maxRetriesPerRequest: null`).
 */
export function redisConnection(url: string): ConnectionOptions {
  if (url.startsWith('redis+sentinel://')) {
    return sentinelConnection(url);
  }
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port) || 6379,
    db: Number(parsed.pathname.replace(/^\//, '')) || 0,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(password ? { password } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * `redis+sentinel://[:password@]host:port[,host:port…]/<master name>`, read by hand: WHATWG
 * URL refuses a port followed by another host (`a:26379,b:26379`).
 */
function sentinelConnection(url: string): ConnectionOptions {
  const rest = url.slice('redis+sentinel://'.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at);
  const hosts = at === -1 ? authority : authority.slice(at + 1);
  const rawPassword = userInfo.includes(':') ? userInfo.slice(userInfo.indexOf(':') + 1) : '';
  const password = rawPassword ? decodeURIComponent(rawPassword) : undefined;
  const name = slash === -1 ? '' : rest.slice(slash + 1).split(/[/?#]/)[0];
  return {
    sentinels: hosts.split(',').map((hostPort) => {
      const [host, port] = hostPort.split(':');
      return { host: host || '127.0.0.1', port: Number(port) || 26379 };
    }),
    name: name ? decodeURIComponent(name) : 'mymaster',
    ...(password ? { password, sentinelPassword: password } : {}),
    maxRetriesPerRequest: null,
  };
}
