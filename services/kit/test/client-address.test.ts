import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from '../src/index.ts';
import { listen, type TestServer } from '../src/testing.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const denoBin = path.join(repoRoot, 'node_modules/.bin/deno');
const denoScript = fileURLToPath(new URL('./deno/client-address.ts', import.meta.url));

const app = new Hono();
app.get('/', (c) => c.json({ address: clientAddress(c) ?? null }));

describe('clientAddress', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await listen(app.fetch);
  });
  afterAll(() => server.close());

  it("is the peer of the connection on Node's server, whatever the headers claim", async () => {
    const res = await fetch(server.url, {
      headers: { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9' },
    });
    expect(await res.json()).toEqual({ address: '127.0.0.1' });
  });

  it('is unknown for a request no server handed over (app.request)', async () => {
    expect(await (await app.request('/')).json()).toEqual({ address: null });
  });

  it('is the peer of the connection under Deno.serve', async () => {
    const { stdout } = await promisify(execFile)(
      denoBin,
      [
        'run',
        '--node-modules-dir=manual',
        '--no-remote',
        '--allow-read',
        '--allow-env',
        '--allow-net=127.0.0.1',
        denoScript,
      ],
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(result).toEqual({ deno: true, address: '127.0.0.1' });
  }, 90_000);
});
