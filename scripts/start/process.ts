import { spawn } from 'node:child_process';
import { eachLine } from './log-lines.ts';
import { printLines, type Style } from './terminal.ts';

/** One process of the platform: how to run it and how to know it serves. */
export interface ProcessSpec {
  /** Shown in the name column of its output and in every message about it. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Answers 200 once the process serves. */
  readyUrl: string;
  /** The colour of its name column. */
  style: Style;
  /** How a line of its standard output is shown, e.g. pino JSON made short. */
  formatLine: (line: string) => string;
  /** How long it may drain after SIGTERM before it is killed. */
  stopGraceMs: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: string;
}

export interface RunningProcess {
  pid: number | undefined;
  exited: Promise<ExitInfo>;
  /** How it ended, once it has. */
  exit(): ExitInfo | undefined;
  /** SIGTERM, then SIGKILL if it has not exited within the spec's grace. */
  stop(): Promise<ExitInfo>;
}

export function describeExit(info: ExitInfo): string {
  if (info.error) {
    return `could not be started (${info.error})`;
  }
  return info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
}

/** Starts the process with its output shown behind its name column. */
export function spawnProcess(spec: ProcessSpec): RunningProcess {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  eachLine(child.stdout, (line) => printLines(spec.name, spec.formatLine(line), spec.style));
  eachLine(child.stderr, (line) => printLines(spec.name, line, spec.style, 'red'));
  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    // 'error' ends the process only when it never started; a failed kill() also emits it, and
    // the process then still runs, so it is shown rather than taken for a crash.
    child.on('error', (error) => {
      if (child.pid === undefined) {
        resolve({ code: null, signal: null, error: error.message });
      } else {
        printLines(spec.name, `could not be signalled: ${error.message}`, spec.style, 'red');
      }
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).then((info) => {
    exit = info;
    return info;
  });
  return {
    pid: child.pid,
    exited,
    exit: () => exit,
    async stop() {
      if (exit) {
        return exit;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), spec.stopGraceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

/**
 * Polls the spec's ready URL until it answers 200. Resolves false if `cancelled()` turns true
 * first; rejects if the process exits or does not answer within `timeoutMs`.
 */
export async function waitUntilReady(
  spec: ProcessSpec,
  running: RunningProcess,
  options: { timeoutMs: number; cancelled: () => boolean },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const exit = running.exit();
    if (exit) {
      throw new Error(`${spec.name} ${describeExit(exit)} before it was ready`);
    }
    if (options.cancelled()) {
      return false;
    }
    try {
      const response = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return true;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${spec.name} was not ready after ${options.timeoutMs / 1000} s (${last})`);
}
