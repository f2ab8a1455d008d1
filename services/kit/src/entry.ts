import type { z } from 'zod';
import type { Logger } from './logger.ts';

/** What a service's bootstrap returns: its app, its logger and what to close on shutdown. */
export interface BootstrappedService {
  app: { fetch: (request: Request) => Response | Promise<Response> };
  logger: Logger;
  database: { close(): Promise<void> };
}

/** Everything a runtime entry (Node or Deno) needs to start one service. */
export interface ServiceEntry<Env extends { PORT: number; HOST: string }> {
  name: string;
  envSchema: z.ZodType<Env>;
  bootstrap(env: Env): BootstrappedService;
}
