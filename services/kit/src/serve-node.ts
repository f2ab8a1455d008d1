import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Logger } from './logger.ts';

export interface NodeServerOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  hostname: string;
  logger: Logger;
  /**
   * Runs first on shutdown, while the server still answers: deregistering from the registry, so
   * callers stop picking this instance before it stops accepting. Failures are logged.
   */
  beforeShutdown?: () => Promise<void>;
  /** Closed after the server drained: database pools, clients. */
  onShutdown?: () => Promise<void>;
  drainTimeoutMs?: number;
  /** Shut down on SIGTERM/SIGINT and exit; default true. Off where the process is not ours. */
  handleSignals?: boolean;
}

export interface RunningServer {
  port: number;
  shutdown(reason: string): Promise<void>;
}

/**
 * Serves an app on Node and shuts it down gracefully on SIGTERM/SIGINT: run `beforeShutdown`
 * (deregister), stop accepting, let in-flight requests finish (up to 10 s), then close pools.
 */
export async function serveNode(options: NodeServerOptions): Promise<RunningServer> {
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  let inFlight = 0;
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: options.fetch, port: options.port, hostname: options.hostname }, () =>
      resolve(s as Server),
    ) as Server;
  });
  // A request is in flight until its response has been fully written, not merely produced:
  // closing connections earlier could cut a body off mid-stream.
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ port, hostname: options.hostname }, 'listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      options.logger.info({ reason, inFlight }, 'shutting down');
      await options.beforeShutdown?.().catch((error: unknown) => {
        options.logger.error({ err: error }, 'before-shutdown hook failed');
      });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainTimeoutMs;
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        server.closeIdleConnections();
      }
      if (inFlight > 0) {
        options.logger.warn({ inFlight }, 'drain timed out; closing remaining connections');
      }
      server.closeAllConnections();
      await closed;
      await options.onShutdown?.();
      options.logger.info('stopped');
    })();
    return stopping;
  };
  const signals = options.handleSignals === false ? [] : (['SIGTERM', 'SIGINT'] as const);
  for (const signal of signals) {
    process.once(signal, () => {
      void shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          options.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { port, shutdown };
}
