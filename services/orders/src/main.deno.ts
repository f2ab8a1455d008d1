// Deno entry: the same app as main.ts, served by Deno.serve.
import { EnvError, parseEnv } from '@trellis/kit';
import { bootstrapOrders } from './bootstrap.ts';
import { ordersEnvSchema } from './env.ts';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: string, handler: () => void): void;
  exit(code: number): never;
  stderr: { writeSync(bytes: Uint8Array): number };
};

try {
  const env = parseEnv(ordersEnvSchema, Deno.env.toObject());
  const { app, logger, database } = bootstrapOrders(env);
  const server = Deno.serve(
    {
      port: env.PORT,
      hostname: env.HOST,
      onListen: ({ port }) => logger.info({ port, runtime: 'deno' }, 'listening'),
    },
    app.fetch,
  );
  for (const signal of ['SIGTERM', 'SIGINT']) {
    Deno.addSignalListener(signal, () => {
      // shutdown() stops accepting and waits for in-flight requests to finish.
      void server
        .shutdown()
        .then(database.close)
        .then(() => Deno.exit(0));
    });
  }
} catch (error) {
  if (error instanceof EnvError) {
    Deno.stderr.writeSync(new TextEncoder().encode(`orders: ${error.message}\n`));
    Deno.exit(1);
  }
  throw error;
}
