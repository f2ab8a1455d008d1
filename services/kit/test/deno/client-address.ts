// Run by client-address.test.ts under Deno: prints the address a request over Deno.serve got.
import process from 'node:process';
import { Hono } from 'hono';
import { clientAddress } from '../../src/client-address.ts';

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

const app = new Hono();
app.get('/', (c) => c.json({ address: clientAddress(c) ?? null }));
const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, app.fetch);
const res = await fetch(`http://127.0.0.1:${server.addr.port}/`);
const { address } = (await res.json()) as { address: string | null };
await server.shutdown();
process.stdout.write(`${JSON.stringify({ deno: 'Deno' in globalThis, address })}\n`);
