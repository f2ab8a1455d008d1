import { startBackgroundTasks, stopBackgroundTasks } from './background-tasks.ts';
import type { ServiceDefinition, ServiceEnv } from './define-service.ts';
import { EnvError, parseEnv } from './env.ts';
import { startService } from './start-service.ts';

// The slice of the Deno namespace used here; declared so the kit type-checks under Node too.
declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code: number): never;
  stderr: { writeSync(bytes: Uint8Array): number };
};

/**
 * A declared service's Deno entry: the same app as on Node, served by Deno.serve.
 * `await runOnDeno(ordersService)` is the whole of `main.deno.ts`.
 */
export async function runOnDeno<Env extends ServiceEnv, Deps>(
  service: ServiceDefinition<Env, Deps>,
): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(service.envSchema, Deno.env.toObject());
  } catch (error) {
    if (error instanceof EnvError) {
      Deno.stderr.writeSync(new TextEncoder().encode(`${service.name}: ${error.message}\n`));
      Deno.exit(1);
    }
    throw error;
  }
  const { app, logger, database, backgroundTasks } = await startService(service, env);
  const server = Deno.serve(
    {
      port: env.PORT,
      hostname: env.HOST,
      onListen: ({ port }) => {
        logger.info({ port, runtime: 'deno' }, 'listening');
        void startBackgroundTasks(backgroundTasks, logger);
      },
    },
    app.fetch,
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    Deno.addSignalListener(signal, () => {
      // Deregister first; shutdown() then stops accepting and waits for in-flight requests.
      void stopBackgroundTasks(backgroundTasks, logger)
        .then(() => server.shutdown())
        .then(() => database.close())
        .then(() => Deno.exit(0));
    });
  }
}
