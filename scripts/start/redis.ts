import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createTail, eachLine } from './log-lines.ts';
import { freePort } from './ports.ts';
import { warn } from './terminal.ts';

export interface RedisHandle {
  url: string;
  origin: string;
  /** Present when the runner started the server and so must stop it. */
  stop?: () => Promise<void>;
}

const howToGetRedis = [
  'No Redis: REDIS_URL is not set and there is no redis-server on PATH.',
  'The services start without it: cluster-wide flow limits then fall back to a share per',
  'instance (queues will need it). Get one with `apt-get install redis-server` (Debian/Ubuntu),',
  '`brew install redis` (macOS), or point REDIS_URL at a running server.',
].join('\n');

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Sends PING and expects +PONG: enough to know a Redis is there, without a client library. */
export function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port) || 6379 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    // A password-protected server answers -NOAUTH: it is there all the same.
    socket.on('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

async function spawnRedis(binary: string, dataDir: string): Promise<RedisHandle> {
  const port = await freePort();
  const dir = path.join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    origin: `${binary}, nothing persisted`,
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

/**
 * The Redis at REDIS_URL, else a `redis-server` from PATH on a free port with no persistence,
 * else nothing: a missing Redis is a warning, not an error, until a service depends on it.
 */
export async function startRedis(
  redisUrl: string | undefined,
  dataDir: string,
): Promise<RedisHandle | undefined> {
  if (redisUrl) {
    if (!(await pingRedis(redisUrl))) {
      warn(`REDIS_URL is set but nothing answers at ${redisUrl} yet; passing it on anyway.`);
    }
    return { url: redisUrl, origin: 'REDIS_URL' };
  }
  const binary = await findOnPath('redis-server');
  if (!binary) {
    warn(howToGetRedis);
    return undefined;
  }
  try {
    return await spawnRedis(binary, dataDir);
  } catch (error) {
    warn(`${error instanceof Error ? error.message : String(error)}\nContinuing without Redis.`);
    return undefined;
  }
}
