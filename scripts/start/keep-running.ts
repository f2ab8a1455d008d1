import {
  describeExit,
  type ProcessSpec,
  type RunningProcess,
  spawnProcess,
  waitUntilReady,
} from './process.ts';
import { fail, say, warn } from './terminal.ts';

export interface RestartPolicy {
  /** The wait before restarting after a first crash; it doubles with each crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run that lasted this long was healthy: its crash waits `firstDelayMs` again. */
  stableAfterMs: number;
  /** How long a run may take to answer: start-up fails after it, a restart is reported. */
  readyTimeoutMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  readyTimeoutMs: 60_000,
};

/** Crashes in a row, this one included. */
export function crashesInARow(previous: number, uptimeMs: number, policy: RestartPolicy): number {
  return uptimeMs >= policy.stableAfterMs ? 1 : previous + 1;
}

/** Exponential, capped; no jitter, as one process restarts alone rather than a herd. */
export function restartDelayMs(crashes: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, crashes - 1));
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  }
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Where the supervisor's messages about a process go: the terminal, or a test's list. */
export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const terminalReporter: Reporter = { info: say, warn, error: fail };

export interface KeptProcess {
  /** Settles once the first run answers; rejects if it exits first or does not answer in time. */
  ready: Promise<void>;
  /** The current run's process id. */
  pid(): number | undefined;
  /** Stops the current run and any restart still waiting; nothing is started again. */
  stop(): Promise<void>;
}

/**
 * Runs the process and, once it has answered, restarts it whenever it exits on its own,
 * waiting longer after each crash in a row. A first run that fails is not retried: that is
 * a start-up failure, and `ready` says why.
 */
export function keepRunning(
  spec: ProcessSpec,
  options: { cancelled: () => boolean; policy?: RestartPolicy; report?: Reporter },
): KeptProcess {
  const policy = options.policy ?? defaultRestartPolicy;
  const report = options.report ?? terminalReporter;
  let stopping = false;
  let served = false;
  let crashes = 0;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let current: RunningProcess | undefined;
  const cancelled = () => stopping || options.cancelled();

  const onExit = (run: RunningProcess, uptimeMs: number) => {
    const exit = run.exit();
    if (!exit || cancelled() || !served) {
      return;
    }
    crashes = crashesInARow(crashes, uptimeMs, policy);
    const delay = restartDelayMs(crashes, policy);
    const streak = crashes > 1 ? `, crash ${crashes} in a row` : '';
    report.error(
      `${spec.name} ${describeExit(exit)} after ${formatDuration(uptimeMs)} up; ` +
        `restarting it in ${formatDuration(delay)}${streak}.`,
    );
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (!cancelled()) {
        void restart();
      }
    }, delay);
  };

  const launch = (): RunningProcess => {
    const run = spawnProcess(spec);
    const startedAt = performance.now();
    current = run;
    const again = restarts > 0 ? ` again (restart ${restarts})` : '';
    report.info(`Started ${spec.name}${again}, pid ${run.pid}.`);
    void run.exited.then(() => onExit(run, performance.now() - startedAt));
    return run;
  };

  const restart = async () => {
    restarts += 1;
    const run = launch();
    try {
      if (await waitUntilReady(spec, run, { timeoutMs: policy.readyTimeoutMs, cancelled })) {
        report.info(`${spec.name} is ready again, pid ${run.pid}.`);
      }
    } catch (error) {
      // An exit is reported as a crash by `onExit`; only a run that hangs is reported here.
      if (!run.exit()) {
        report.warn(`${error instanceof Error ? error.message : error}; leaving it running.`);
      }
    }
  };

  const ready = waitUntilReady(spec, launch(), {
    timeoutMs: policy.readyTimeoutMs,
    cancelled,
  }).then((answered) => {
    served = answered;
  });
  return {
    ready,
    pid: () => current?.pid,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      await current?.stop();
    },
  };
}
