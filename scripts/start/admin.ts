import { adminDir, ensureAdminBuild, nextBin, nextEnv } from '../../admin/scripts/admin-build.ts';
import { type KeptProcess, keepRunning } from './keep-running.ts';
import { formatLogLine } from './log-lines.ts';
import type { ProcessSpec } from './process.ts';
import { baseUrl, type ServiceName, serviceHost } from './services.ts';
import { printLines, say } from './terminal.ts';

export interface AdminSpec {
  port: number;
  env: Record<string, string>;
}

/**
 * The console's environment: where each service is, the key of its session cookie, and the
 * metrics token its overview and resilience pages read the services' figures with. It holds
 * no key that signs anyone's tokens: it calls the services as the signed-in user.
 */
export function planAdmin(options: {
  port: number;
  serviceUrls: Record<ServiceName, string>;
  sessionSecret: string;
  metricsToken: string;
  logLevel: string;
}): AdminSpec {
  return {
    port: options.port,
    env: {
      USERS_URL: options.serviceUrls.users,
      ORDERS_URL: options.serviceUrls.orders,
      MEETINGS_URL: options.serviceUrls.meetings,
      MESSAGING_URL: options.serviceUrls.messaging,
      CONFIG_URL: options.serviceUrls.config,
      GATEWAY_URL: options.serviceUrls.gateway,
      ADMIN_SESSION_SECRET: options.sessionSecret,
      METRICS_TOKEN: options.metricsToken,
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

/** `next start` on the admin port, its log lines shown like the services'. */
export function adminProcess(spec: AdminSpec): ProcessSpec {
  return {
    name: 'admin',
    command: process.execPath,
    args: [nextBin, 'start', '--hostname', serviceHost, '--port', String(spec.port)],
    cwd: adminDir,
    env: nextEnv(spec.env),
    readyUrl: `${baseUrl(spec.port)}/healthz`,
    style: 'blue',
    formatLine: formatLogLine,
    stopGraceMs: 10_000,
  };
}

/** Runs the console and keeps it running (restarting it) until `stop()`. */
export function startAdmin(spec: AdminSpec, options: { cancelled: () => boolean }): KeptProcess {
  return keepRunning(adminProcess(spec), options);
}
