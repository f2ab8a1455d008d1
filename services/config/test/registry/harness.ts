import type { Database } from '@trellis/db';
import { createService, type Logger } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  type TestIdentity,
  type TestUser,
} from '@trellis/kit/testing';
import type { RegistryDeps } from '../../src/registry/deps.ts';
import type { RegistryPolicy } from '../../src/registry/domain.ts';
import {
  createRegistryNotifier,
  type NotifyConnection,
  type RegistryNotifierRuntime,
} from '../../src/registry/notifier.ts';
import { createRegistryRouter } from '../../src/routes/registry/index.ts';

/** The test file's platform keys (real Ed25519), which its registries trust. */
export const testIdentity: Promise<TestIdentity> = createTestIdentity();

/** A token of `service`, signed with its own key, for the registry (audience `config`). */
export async function serviceToken(service: string): Promise<string> {
  return (await testIdentity).serviceToken(service, 'config');
}

/** An access token of a user holding `roles`. */
export async function userToken(roles: TestUser['roles']): Promise<string> {
  return (await testIdentity).userToken({
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    email: 'ada@example.com',
    ...(roles ? { roles } : {}),
  });
}

/** The metrics token Prometheus is given. */
export async function metricsToken(): Promise<string> {
  return (await testIdentity).metricsToken;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export interface RegistryCenterOptions {
  database: { db: Database; sql: NotifyConnection };
  /** A settable clock; real time when absent. */
  clock?: { now: Date };
  policy?: Partial<RegistryPolicy>;
  logger?: Logger;
}

export interface RegistryCenter {
  app: Awaited<ReturnType<typeof createRegistryApp>>;
  notifier: RegistryNotifierRuntime;
  request: JsonRequester;
  logLines: Record<string, unknown>[];
  stop(): Promise<void>;
}

async function createRegistryApp(deps: RegistryDeps, logger: Logger) {
  const app = createService<RegistryDeps>({
    identity: (await testIdentity).settings,
    name: 'config',
    version: 'test',
    instanceId: 'config-test',
    description: 'The registry routes under test.',
    logger,
    deps,
  });
  app.route('/', createRegistryRouter());
  return app;
}

/** A config center with only the registry mounted, its notifier listening and sweeping. */
export async function startRegistryCenter(options: RegistryCenterOptions): Promise<RegistryCenter> {
  const captured = captureLogger('config');
  const logger = options.logger ?? captured.logger;
  const clock = options.clock;
  const now = clock ? () => clock.now : () => new Date();
  const notifier = createRegistryNotifier({
    db: options.database.db,
    connection: options.database.sql,
    now,
    logger,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  await notifier.start();
  const app = await createRegistryApp({ db: options.database.db, now, registry: notifier }, logger);
  return {
    app,
    notifier,
    request: jsonRequester(app),
    logLines: captured.lines,
    stop: () => notifier.stop(),
  };
}

export interface RegistrationBody {
  service: string;
  instanceId: string;
  address: string;
  version?: string;
  labels?: Record<string, string>;
  weight?: number;
  ttlSeconds?: number;
}

/** Registers an instance directly over the API, as its service. */
export async function registerInstance(center: RegistryCenter, body: RegistrationBody) {
  return center.request('/v1/registry/instances', {
    method: 'POST',
    headers: bearer(await serviceToken(body.service)),
    json: { version: '1.0.0', ...body },
  });
}

export interface WatchedList {
  service: string;
  items: { instanceId: string; address: string; healthy: boolean; weight: number }[];
  protectionActive: boolean;
}

export interface Watch {
  lists: WatchedList[];
  /** Raw text received, comments included. */
  text(): string;
  /** Resolves with the first list (from `lists`, already received or coming) that matches. */
  until(match: (list: WatchedList) => boolean, timeoutMs?: number): Promise<WatchedList>;
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET …/watch` on a served center and collects its `instances` events. */
export async function openWatch(baseUrl: string, service: string, token: string): Promise<Watch> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/v1/registry/services/${service}/watch`, {
    headers: bearer(token),
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`watch answered ${res.status}`);
  }
  const lists: WatchedList[] = [];
  let raw = '';
  const waiters = new Set<() => void>();
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          return;
        }
        const chunk = decoder.decode(value, { stream: true });
        raw += chunk;
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (block.includes('event: instances') && data) {
            lists.push(JSON.parse(data) as WatchedList);
            for (const wake of waiters) {
              wake();
            }
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    lists,
    text: () => raw,
    ended,
    close: () => controller.abort(),
    until(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lists.length; seen++) {
            const list = lists[seen];
            if (list && match(list)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(list);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching list within ${timeoutMs} ms: ${JSON.stringify(lists)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export function idsOf(list: WatchedList): string[] {
  return list.items.map((item) => item.instanceId);
}
