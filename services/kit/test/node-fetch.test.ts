import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeFetch } from '../src/node-fetch.ts';
import { describeFailure, failureCode } from '../src/platform-call/index.ts';
import { closedUrl, listenHttp, type TestServer } from '../src/testing.ts';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  remotePort: number | undefined;
}

/** A real server: each path answers a different way; `/hang` never answers. */
let server: TestServer;
let seen: Seen[] = [];
let closedEarly: string[] = [];
const nodeFetch = createNodeFetch({ wholeAnswerBytes: 1024 });
const big = 'x'.repeat(4096);

function answer(req: IncomingMessage, res: ServerResponse) {
  switch (req.url) {
    case '/json':
      res.writeHead(201, { 'content-type': 'application/json', etag: '"v1"' });
      res.end(JSON.stringify({ ok: true }));
      return;
    case '/unchanged':
      res.writeHead(304, { etag: '"v1"' }).end();
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' }).end(big);
      return;
    case '/stream':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      return;
    case '/cut':
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      res.destroy();
      return;
    case '/hang':
      return;
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = await listenHttp((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        remotePort: req.socket.remotePort,
      });
      res.on('close', () => {
        if (!res.writableFinished) {
          closedEarly.push(req.url ?? '');
        }
      });
      answer(req, res);
    });
  });
});

afterAll(() => server.close());

beforeEach(() => {
  seen = [];
  closedEarly = [];
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met within 5 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('node fetch', () => {
  it('sends the method, headers and body, and answers status, headers and body', async () => {
    const response = await nodeFetch(
      new Request(`${server.url}/json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: JSON.stringify({ hello: 'world' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toMatchObject([
      {
        method: 'POST',
        path: '/json',
        body: '{"hello":"world"}',
        headers: { authorization: 'Bearer t', 'content-length': '17' },
      },
    ]);
    expect(seen[0]?.headers['accept-encoding']).toBeUndefined();
  });

  it('keeps the connection alive between calls, answering no header about it', async () => {
    for (let call = 0; call < 3; call++) {
      const response = await nodeFetch(new Request(`${server.url}/json`));
      expect([response.headers.has('connection'), response.headers.has('keep-alive')]).toEqual([
        false,
        false,
      ]);
      await response.text();
    }
    expect(new Set(seen.map((request) => request.remotePort)).size).toBe(1);
  });

  it('answers a 304 and a HEAD with no body', async () => {
    const unchanged = await nodeFetch(new Request(`${server.url}/unchanged`));
    expect([unchanged.status, unchanged.body]).toEqual([304, null]);
    const head = await nodeFetch(new Request(`${server.url}/json`, { method: 'HEAD' }));
    expect([head.status, head.body]).toEqual([201, null]);
  });

  it('streams an answer larger than it reads whole, or of no declared length', async () => {
    expect(await (await nodeFetch(new Request(`${server.url}/big`))).text()).toBe(big);
    const stream = await nodeFetch(new Request(`${server.url}/stream`));
    const reader = stream.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('data: 1\n\n');
    await reader?.cancel();
  });

  it('fails as fetch does when the connection is refused, naming the code', async () => {
    const error = await nodeFetch(new Request(`${await closedUrl()}/json`)).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(failureCode(error)).toBe('ECONNREFUSED');
  });

  it('fails when the answer ends before its declared length', async () => {
    const error = await nodeFetch(new Request(`${server.url}/cut`)).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
  });

  it('rejects with the reason of its signal and ends the connection', async () => {
    const signal = AbortSignal.timeout(50);
    const error = await nodeFetch(new Request(`${server.url}/hang`, { signal })).catch((e) => e);
    expect(describeFailure(error)).toBe('timed out');
    await waitFor(() => closedEarly.includes('/hang'));
  });

  it('ends a stream still being read when its signal aborts', async () => {
    const controller = new AbortController();
    const stream = await nodeFetch(
      new Request(`${server.url}/stream`, { signal: controller.signal }),
    );
    const reader = stream.body?.getReader();
    await reader?.read();
    controller.abort();
    await expect(reader?.read()).rejects.toBeDefined();
    await waitFor(() => closedEarly.includes('/stream'));
  });
});
