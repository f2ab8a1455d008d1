import { spawn } from 'node:child_process';
import { adminDir, ensureAdminBuild, nextBin, nextEnv } from '../../admin/scripts/admin-build.ts';
import { eachLine, formatLogLine } from './log-lines.ts';
import { isPortFree } from './ports.ts';
import { baseUrl, describeExit, type ExitInfo, type ServiceName, serviceHost } from './services.ts';
import { printLines, say } from './terminal.ts';

export interface AdminSpec {
  port: number;
  env: Record<string, string>;
}

/** The console's environment: where each service is, and the key of its session cookie. */
export function planAdmin(options: {
  port: number;
  serviceUrls: Record<ServiceName, string>;
  sessionSecret: string;
  logLevel: string;
}): AdminSpec {
  return {
    port: options.port,
    env: {
      USERS_URL: options.serviceUrls.users,
      ORDERS_URL: options.serviceUrls.orders,
      MEETINGS_URL: options.serviceUrls.meetings,
      CONFIG_URL: options.serviceUrls.config,
      ADMIN_SESSION_SECRET: options.sessionSecret,
      LOG_LEVEL: options.logLevel,
    },
  };
}

/** `next build`, unless the last build was made from exactly these sources. */
export async function buildAdmin(signal: AbortSignal): Promise<void> {
  let announced = false;
  const outcome = await ensureAdminBuild((line) => {
    if (!announced) {
      say('Building the admin console (next build); later starts reuse the build…');
      announced = true;
    }
    printLines('admin', line, 'blue');
  }, signal);
  say(outcome === 'reused' ? 'Admin build is up to date.' : 'Admin console built.');
}

export interface RunningAdmin {
  url: string;
  /** Settles once the console answers, or rejects if it exits or takes too long. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** `next start` on the admin port, its log lines shown like the services'. */
export async function startAdmin(
  spec: AdminSpec,
  options: { onUnexpectedExit: (reason: string) => void; cancelled: () => boolean },
): Promise<RunningAdmin> {
  if (!(await isPortFree(spec.port))) {
    throw new Error(`port ${spec.port} for the admin is in use; free it or set ADMIN_PORT`);
  }
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--hostname', serviceHost, '--port', String(spec.port)],
    { cwd: adminDir, env: nextEnv(spec.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  eachLine(child.stdout, (line) => printLines('admin', formatLogLine(line), 'blue'));
  eachLine(child.stderr, (line) => printLines('admin', line, 'blue', 'red'));
  let stopping = false;
  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  void exited.then((info) => {
    exit = info;
    if (!stopping) {
      options.onUnexpectedExit(`the admin ${describeExit(info)} unexpectedly`);
    }
  });
  const url = baseUrl(spec.port);
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !options.cancelled()) {
      if (exit) {
        throw new Error(`the admin ${describeExit(exit)} before it was ready`);
      }
      try {
        if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!options.cancelled()) {
      throw new Error('the admin did not answer within 60 s');
    }
  })();
  return {
    url,
    ready,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
