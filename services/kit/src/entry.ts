import type { z } from 'zod';
import type { Logger } from './logger.ts';

/**
 * Work that lives beside the server, such as the registry registration or a config watch:
 * started once the server listens, stopped first on shutdown, before in-flight requests drain.
 */
export interface ServiceCompanion {
  start?(): void | Promise<void>;
  stop(): Promise<void>;
}

/** What a service's bootstrap returns: its app, its logger and what to close on shutdown. */
export interface BootstrappedService {
  app: { fetch: (request: Request) => Response | Promise<Response> };
  logger: Logger;
  database: { close(): Promise<void> };
  companions?: ServiceCompanion[];
}

/** Starts companions one by one; a failure is logged and the service keeps serving. */
export async function startCompanions(
  companions: readonly ServiceCompanion[],
  logger: Logger,
): Promise<void> {
  for (const companion of companions) {
    try {
      await companion.start?.();
    } catch (error) {
      logger.error({ err: error }, 'a companion failed to start');
    }
  }
}

/** Stops companions together; failures are logged, never thrown, so shutdown goes on. */
export async function stopCompanions(
  companions: readonly ServiceCompanion[],
  logger: Logger,
): Promise<void> {
  await Promise.all(
    companions.map((companion) =>
      companion.stop().catch((error: unknown) => {
        logger.error({ err: error }, 'a companion failed to stop');
      }),
    ),
  );
}

/** Everything a runtime entry (Node or Deno) needs to start one service. */
export interface ServiceEntry<Env extends { PORT: number; HOST: string }> {
  name: string;
  envSchema: z.ZodType<Env>;
  /** May be async: a service loading its config before it serves returns a promise. */
  bootstrap(env: Env): BootstrappedService | Promise<BootstrappedService>;
}
