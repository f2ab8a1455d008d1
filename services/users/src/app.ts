import { createService, type Logger, type Resilience } from '@trellis/kit';
import type { UsersDeps } from './deps.ts';
import { createSessionsRouter } from './routes/sessions/index.ts';
import { createUsersRouter } from './routes/users/index.ts';

export interface UsersAppOptions {
  /** The engine the service's rules live in; `connectPlatform` makes one. */
  resilience?: Resilience;
  deps: UsersDeps;
  logger: Logger;
  version: string;
  instanceId: string;
  ping: () => Promise<void>;
}

/** The users service, runtime-agnostic: Node and Deno entries both serve this app. */
export function createUsersApp(options: UsersAppOptions) {
  const app = createService({
    name: 'users',
    version: options.version,
    instanceId: options.instanceId,
    description:
      'Accounts with unique emails, statuses and roles; password sign-in issuing short-lived JWTs.',
    logger: options.logger,
    deps: options.deps,
    ...(options.resilience ? { resilience: options.resilience } : {}),
    readiness: { database: options.ping },
  });
  app.route('/', createUsersRouter());
  app.route('/', createSessionsRouter());
  return app;
}
