import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

export interface RedisServerOptions {
  /** The binary to run; `redis-server` from PATH by default. */
  binary?: string;
  /** The port to listen on; a free port of 127.0.0.1 by default. */
  port?: number;
  /**
   * Keep data over a restart: an append-only file in this directory, fsynced every second (as
   * production runs it), so a SHUTDOWN and a start find every acknowledged write again.
   */
  persistDir?: string;
}

/**
 * A throwaway redis-server owned by one test file, so a test may stop, freeze or restart it
 * without touching the Redis other tests share. Nothing is persisted unless `persistDir` is set.
 */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  /** Starts the server (again) on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** Kills the server and waits for it to exit; SIGKILL by default, as a crash would. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends SHUTDOWN (the append-only file is flushed and synced) and waits for the exit. */
  shutdown(): Promise<void>;
  /** Suspends the process (SIGSTOP): connections stay open but nothing is answered. */
  freeze(): void;
  /** Resumes a frozen server. */
  thaw(): void;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server';
  const port = options.port ?? (await freePort());
  let child: ChildProcess | null = null;

  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test worker that dies without teardown must not leave servers behind.
    process.once('exit', () => {
      for (const proc of live) {
        proc.kill('SIGKILL');
      }
    });
  }

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== null;
    },
    async start() {
      if (child !== null) {
        return;
      }
      const persistence = options.persistDir
        ? ['--dir', options.persistDir, '--appendonly', 'yes', '--appendfsync', 'everysec']
        : ['--appendonly', 'no'];
      const proc = spawn(
        binary,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      proc.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      live.add(proc);
      proc.once('exit', () => {
        live.delete(proc);
        if (child === proc) {
          child = null;
        }
      });
      child = proc;
      const deadline = Date.now() + 10_000;
      while (!(await ping(port))) {
        if (child !== proc) {
          throw new Error(`redis-server on port ${port} exited during start: ${stderr.trim()}`);
        }
        if (Date.now() > deadline) {
          await server.stop();
          throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop(signal = 'SIGKILL') {
      const proc = child;
      if (proc === null) {
        return;
      }
      child = null;
      const exited = once(proc, 'exit');
      // A frozen process handles no signal but SIGKILL until it is resumed.
      proc.kill('SIGCONT');
      proc.kill(signal);
      await exited;
    },
    async shutdown() {
      const proc = child;
      if (proc === null) {
        return;
      }
      const exited = once(proc, 'exit');
      await new Promise<void>((resolve, reject) => {
        const socket = createConnection({ port, host: '127.0.0.1' });
        socket.once('error', reject);
        socket.once('connect', () => socket.end('SHUTDOWN\r\n', () => resolve()));
      });
      await exited;
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
  };
  await server.start();
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
