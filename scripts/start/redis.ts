import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { redisConnection } from '@trellis/kit/messaging';
import { Redis, type RedisOptions } from 'ioredis';
import { createTail, eachLine } from './log-lines.ts';
import { freePort } from './ports.ts';
import { warn } from './terminal.ts';

export interface RedisHandle {
  url: string;
  origin: string;
  /** Present when the runner started the server and so must stop it. */
  stop?: () => Promise<void>;
}

/** Where a Redis is looked for when neither REDIS_URL nor a redis-server on PATH gives one. */
export const localRedisUrl = 'redis://127.0.0.1:6379';

export class RedisMissing extends Error {}

const howToGetRedis = [
  'No Redis: REDIS_URL is not set, there is no redis-server on PATH and nothing answers on',
  '127.0.0.1:6379. Trellis needs one: the messaging relay and subscriptions queue on it.',
  'Get one with `apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS)',
  'or `docker run -d -p 6379:6379 redis:7`, or point REDIS_URL at a running server',
  '(redis://, rediss:// or redis+sentinel://), then run npm start again.',
].join('\n');

async function findOnPath(
  command: string,
  searchPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** A short-lived client that gives up at once: for questions asked at start, never queued. */
async function askRedis<T>(
  url: string,
  ask: (redis: Redis) => Promise<T>,
  timeoutMs = 1000,
): Promise<T> {
  const redis = new Redis({
    ...(redisConnection(url) as RedisOptions),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await ask(redis);
  } finally {
    redis.disconnect();
  }
}

/** Whether a Redis answers at `url`; one asking for a password is there all the same. */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    return (await askRedis(url, (redis) => redis.ping(), timeoutMs)) === 'PONG';
  } catch (error) {
    return /NOAUTH|WRONGPASS/.test(error instanceof Error ? error.message : String(error));
  }
}

/**
 * BullMQ's production rule: with any eviction policy but `noeviction`, a Redis short of memory
 * deletes queue keys, so acknowledged jobs vanish. A warning naming the fix, or undefined when
 * the policy is right or the server will not say (managed Redis often refuses CONFIG).
 */
export async function evictionWarning(url: string): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    const reply = await askRedis(url, (redis) => redis.config('GET', 'maxmemory-policy'));
    policy = Array.isArray(reply) ? String(reply[1] ?? '') : undefined;
  } catch {
    return undefined;
  }
  if (!policy || policy === 'noeviction') {
    return undefined;
  }
  return [
    `Redis at ${url} has maxmemory-policy ${policy}: when it runs short of memory it deletes`,
    'keys, queued jobs among them, so acknowledged events can be lost. Set it to noeviction',
    '(CONFIG SET maxmemory-policy noeviction, and in redis.conf) before relying on it.',
  ].join('\n');
}

/**
 * What a Redis the runner starts is told: the append-only file, synced every second, under the
 * data dir, so jobs acknowledged before a stop (or a crash, but the last second) are there
 * after the next start; no RDB snapshots on top; never evict (BullMQ's rule).
 */
export function redisServerArgs(port: number, dir: string): string[] {
  return [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
  ];
}

async function spawnRedis(binary: string, dataDir: string): Promise<RedisHandle> {
  const port = await freePort();
  const dir = path.join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const child = spawn(binary, redisServerArgs(port, dir), { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = createTail(12);
  eachLine(child.stdout, tail.push);
  eachLine(child.stderr, tail.push);
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      tail.push(error.message);
      resolve();
    });
    child.once('exit', () => resolve());
  });
  let gone = false;
  let stopping = false;
  void exited.then(() => {
    gone = true;
    if (!stopping) {
      warn(`redis-server exited unexpectedly:\n${tail.text()}`);
    }
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis(url, 500))) {
    if (gone || Date.now() > deadline) {
      stopping = true;
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start:\n${tail.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    origin: `${binary}, append-only file in ${dir}`,
    async stop() {
      stopping = true;
      if (gone) {
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RedisSearch {
  redisUrl: string | undefined;
  dataDir: string;
  /** Where redis-server is looked for; the PATH by default. */
  searchPath?: string | undefined;
  /** The last resort; 127.0.0.1:6379 by default. */
  localUrl?: string;
}

/**
 * The Redis at REDIS_URL, else a `redis-server` from PATH on a free port keeping its data under
 * the data dir, else one answering on 127.0.0.1:6379, else a `RedisMissing` saying how to get
 * one: the platform does not run without Redis.
 */
export async function startRedis(search: RedisSearch): Promise<RedisHandle> {
  const { redisUrl, dataDir } = search;
  if (redisUrl) {
    if (!(await pingRedis(redisUrl))) {
      warn(`REDIS_URL is set but nothing answers at ${redisUrl} yet; passing it on anyway.`);
    }
    return { url: redisUrl, origin: 'REDIS_URL' };
  }
  const binary = await findOnPath('redis-server', search.searchPath);
  if (binary) {
    return await spawnRedis(binary, dataDir);
  }
  const localUrl = search.localUrl ?? localRedisUrl;
  if (await pingRedis(localUrl)) {
    return { url: localUrl, origin: 'already running (no REDIS_URL, no redis-server on PATH)' };
  }
  throw new RedisMissing(howToGetRedis);
}
