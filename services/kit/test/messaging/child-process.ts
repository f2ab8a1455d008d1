import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/** A test's child process (`node --import tsx <entry>`), started once it printed `ready`. */
export interface ReadyChild {
  readonly pid: number;
  readonly running: boolean;
  /** Signals the child (SIGKILL by default, as a crash would) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves when the child exits by itself or is killed. */
  readonly exited: Promise<void>;
  /** What it wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Writes a line to its stdin (children started with `stdin: true`). */
  send(line: string): void;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Spawns `entry` under tsx with `env` added to this process's environment and waits until it
 * prints `ready`; rejects with its output if it exits first or stays silent for `readyMs`.
 */
export async function startReadyChild(
  entry: string,
  env: Record<string, string>,
  options: { stdin?: boolean; readyMs?: number } = {},
): Promise<ReadyChild> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test worker that dies without its teardown must not leave children behind.
    process.once('exit', () => {
      for (const proc of live) {
        proc.kill('SIGKILL');
      }
    });
  }
  const proc = spawn(process.execPath, ['--import', tsxLoader, entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  const exited = once(proc, 'exit').then(() => {
    live.delete(proc);
  });
  let output = '';
  const readyMs = options.readyMs ?? 60_000;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${entry} printed no "ready" within ${readyMs} ms: ${output}`));
    }, readyMs);
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal}): ${output}`));
    });
  });
  const child: ReadyChild = {
    pid: proc.pid ?? -1,
    get running() {
      return proc.exitCode === null && proc.signalCode === null;
    },
    async kill(signal = 'SIGKILL') {
      if (child.running) {
        proc.kill(signal);
      }
      await exited;
    },
    exited,
    output: () => output,
    send(line) {
      proc.stdin?.write(`${line}\n`);
    },
  };
  try {
    await ready;
  } catch (error) {
    await child.kill();
    throw error;
  }
  return child;
}

/** SIGKILLs every child still running (an afterAll's safety net, also after a failed test). */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...live].map(async (proc) => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = once(proc, 'exit');
        proc.kill('SIGKILL');
        await exited;
      }
    }),
  );
}
