import { spawn } from 'node:child_process';

const marker = 'TRELLIS_SUPERVISOR';
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function isSupervisor(env: NodeJS.ProcessEnv): boolean {
  return env[marker] === '1';
}

/**
 * Re-runs `script` as the supervisor in a process group of its own and relays signals to it.
 * Ctrl-C in a terminal signals the whole foreground group at once; Postgres would then stop
 * while the services are still draining. Detached, the supervisor gets one SIGINT, from
 * here, and stops the services first and the databases last.
 */
export function runDetached(script: string): void {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [marker]: '1' },
  });
  for (const signal of forwarded) {
    process.on(signal, () => child.kill(signal));
  }
  child.once('error', (error) => {
    console.error(`could not start the supervisor: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code) => process.exit(code ?? 1));
}

/** The supervisor's side: `onGone` runs if the process that launched it dies without a signal. */
export function onLauncherGone(onGone: () => void): void {
  process.once('disconnect', onGone);
}
