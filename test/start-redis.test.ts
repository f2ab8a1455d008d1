import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/start/ports.ts';
import {
  evictionWarning,
  pingRedis,
  RedisMissing,
  redisServerArgs,
  startRedis,
} from '../scripts/start/redis.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-redis-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A redis-server of the test's own, with extra arguments; stopped by the returned function. */
async function ownRedis(extra: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...extra],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis(url, 300))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('npm start and Redis', () => {
  it('keeps what a Redis it started acknowledged across a stop and the next start', async () => {
    const first = await startRedis({ redisUrl: undefined, dataDir });
    expect(first.origin).toContain(path.join(dataDir, 'redis'));
    const client = new Redis(first.url);
    await client.rpush('trellis:test:jobs', 'job-1', 'job-2');
    expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    client.disconnect();
    await first.stop?.();

    const second = await startRedis({ redisUrl: undefined, dataDir });
    try {
      const again = new Redis(second.url);
      expect(await again.lrange('trellis:test:jobs', 0, -1)).toEqual(['job-1', 'job-2']);
      again.disconnect();
      expect(await evictionWarning(second.url)).toBeUndefined();
      expect(await readdir(path.join(dataDir, 'redis'))).toContain('appendonlydir');
    } finally {
      await second.stop?.();
    }
  }, 60_000);

  it('tells redis-server to log every write, sync each second and never evict', () => {
    const args = redisServerArgs(6400, '/data/redis').join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--appendfsync everysec');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(args).toContain('--dir /data/redis');
  });

  it('uses REDIS_URL as given, and starts nothing', async () => {
    const handle = await startRedis({ redisUrl: 'redis://127.0.0.1:6379', dataDir });
    expect(handle).toEqual({ url: 'redis://127.0.0.1:6379', origin: 'REDIS_URL' });
  });

  it('falls back to a Redis answering on the local port when redis-server is not on PATH', async () => {
    const own = await ownRedis([]);
    try {
      const handle = await startRedis({
        redisUrl: undefined,
        dataDir,
        searchPath: '',
        localUrl: own.url,
      });
      expect(handle).toMatchObject({ url: own.url });
      expect(handle.stop).toBeUndefined();
    } finally {
      await own.stop();
    }
  });

  it('stops with how to get a Redis when there is none at all', async () => {
    const nothing = `redis://127.0.0.1:${await freePort()}`;
    const start = startRedis({ redisUrl: undefined, dataDir, searchPath: '', localUrl: nothing });
    await expect(start).rejects.toBeInstanceOf(RedisMissing);
    await expect(start).rejects.toThrow(/apt-get install redis-server.*\n.*REDIS_URL/s);
  });

  it('warns when the eviction policy may delete queued jobs, naming the fix', async () => {
    const own = await ownRedis(['--maxmemory-policy', 'allkeys-lru']);
    try {
      const warning = await evictionWarning(own.url);
      expect(warning).toContain('maxmemory-policy allkeys-lru');
      expect(warning).toContain('CONFIG SET maxmemory-policy noeviction');
    } finally {
      await own.stop();
    }
  });

  it('says nothing of eviction when the server refuses CONFIG, as managed ones do', async () => {
    const own = await ownRedis(['--rename-command', 'CONFIG', '']);
    try {
      expect(await evictionWarning(own.url)).toBeUndefined();
    } finally {
      await own.stop();
    }
  });
});
