import type { IncomingHttpHeaders } from 'node:http';
import { createRouter, createService } from '@trellis/kit';
import {
  apiErrorOf,
  captureLogger,
  closedUrl,
  listenHttp,
  type TestServer,
} from '@trellis/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, type Discovery } from '../src/transport.ts';

interface Hit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real upstream on a local port. `/flaky/<n>` answers 503 to the first n hits, then 200;
 * `/slow` answers after 500 ms; anything else echoes 200.
 */
let upstream: TestServer;
let baseUrl: string;
let hits: Hit[] = [];

beforeAll(async () => {
  upstream = await listenHttp((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ method: req.method ?? '', path, headers: req.headers, body });
      const failures = /^\/flaky\/(\d+)$/.exec(path);
      if (failures && hits.filter((h) => h.path === path).length <= Number(failures[1])) {
        res.writeHead(503, { 'content-type': 'application/problem+json' }).end('{"status":503}');
        return;
      }
      const answer = () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (path === '/slow') {
        setTimeout(answer, 500);
        return;
      }
      answer();
    });
  });
  baseUrl = upstream.url;
});

afterAll(() => upstream.close());

beforeEach(() => {
  hits = [];
});

const noSleep = async () => {};

describe('createTransport', () => {
  it('propagates traceparent and x-request-id of the request being served', async () => {
    const transport = createTransport({ service: 'users' });
    const { logger } = captureLogger('caller');
    const app = createService({
      name: 'caller',
      version: 'test',
      instanceId: 'caller-1',
      description: 'Calls upstream.',
      logger,
      deps: {},
    });
    const router = createRouter();
    router.get('/v1/relay', async (c) => {
      const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
      return c.json({ upstreamStatus: res.status, traceparent: c.get('traceparent') });
    });
    app.route('/', router);

    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await app.request('/v1/relay', {
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01`, 'x-request-id': 'req-relay' },
    });
    const body = (await res.json()) as { upstreamStatus: number; traceparent: string };
    expect(body.upstreamStatus).toBe(200);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.headers['x-request-id']).toBe('req-relay');
    expect(hits[0]?.headers.traceparent).toBe(body.traceparent);
    expect(hits[0]?.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(hits[0]?.headers.traceparent).not.toContain('b7ad6b7169203331');
  });

  it('sends no trace headers outside a request', async () => {
    const transport = createTransport({ service: 'users' });
    await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(hits[0]?.headers.traceparent).toBeUndefined();
    expect(hits[0]?.headers['x-request-id']).toBeUndefined();
  });

  it('times out each attempt of a slow upstream and then answers 503', async () => {
    const transport = createTransport({
      service: 'users',
      timeoutMs: 100,
      retries: 1,
      sleep: noSleep,
    });
    const started = performance.now();
    const error = await apiErrorOf(transport(new Request(`${baseUrl}/slow`)));
    const elapsed = performance.now() - started;
    expect(error.status).toBe(503);
    expect(error.code).toBe('dependency_unavailable');
    expect(error.detail).toBe('The users service cannot be reached (timed out).');
    expect(error.headers['retry-after']).toBe('1');
    expect(hits.filter((h) => h.path === '/slow')).toHaveLength(2);
    expect(elapsed).toBeLessThan(800);
  });

  it('retries a GET answered with 503 and returns the answer that succeeds', async () => {
    const transport = createTransport({ service: 'users', retries: 2, sleep: noSleep });
    const res = await transport(new Request(`${baseUrl}/flaky/2`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(hits).toHaveLength(3);
  });

  it('hands back the last 503 when every attempt of a GET fails', async () => {
    const transport = createTransport({ service: 'users', retries: 1, sleep: noSleep });
    const res = await transport(new Request(`${baseUrl}/flaky/5`));
    expect(res.status).toBe(503);
    expect(hits).toHaveLength(2);
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    const transport = createTransport({ service: 'users', retries: 2, sleep: noSleep });
    const res = await transport(
      new Request(`${baseUrl}/flaky/1`, {
        method: 'POST',
        body: '{"name":"once"}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(res.status).toBe(503);
    expect(hits).toHaveLength(1);
  });

  it('retries a POST carrying an Idempotency-Key, sending the same body again', async () => {
    const transport = createTransport({ service: 'users', retries: 2, sleep: noSleep });
    const res = await transport(
      new Request(`${baseUrl}/flaky/1`, {
        method: 'POST',
        body: '{"name":"twice"}',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'key-0001-abcd' },
      }),
    );
    expect(res.status).toBe(200);
    expect(hits.map((h) => [h.method, h.body, h.headers['idempotency-key']])).toEqual([
      ['POST', '{"name":"twice"}', 'key-0001-abcd'],
      ['POST', '{"name":"twice"}', 'key-0001-abcd'],
    ]);
  });

  it('answers 503 when the upstream refuses the connection', async () => {
    const dead = await closedUrl();
    const transport = createTransport({ service: 'users', retries: 1, sleep: noSleep });
    const error = await apiErrorOf(transport(new Request(`${dead}/v1/users`)));
    expect(error.status).toBe(503);
    expect(error.detail).toBe('The users service cannot be reached (ECONNREFUSED).');
  });

  it('sends the call to the instance discovery resolves', async () => {
    const transport = createTransport({
      service: 'users',
      discovery: { resolve: () => baseUrl },
    });
    const res = await transport(new Request('http://users.invalid/v1/users/usr_9?x=1'));
    expect(res.status).toBe(200);
    expect(hits.map((h) => h.path)).toEqual(['/v1/users/usr_9?x=1']);
  });
});

/** Discovery that hands out `bases` in turn and records what the transport reports. */
function roundRobin(bases: string[]) {
  let next = 0;
  const reports: string[] = [];
  const discovery: Discovery = {
    resolve: () => bases[next++ % bases.length] ?? '',
    reportFailure: (_service, base) => reports.push(`failure ${base}`),
    reportSuccess: (_service, base) => reports.push(`success ${base}`),
  };
  return { discovery, reports };
}

describe('createTransport with discovery', () => {
  it('retries an idempotent call on another instance after a connection failure', async () => {
    const dead = await closedUrl();
    const { discovery, reports } = roundRobin([dead, baseUrl]);
    const transport = createTransport({ service: 'users', discovery, sleep: noSleep });
    const res = await transport(new Request('http://users.invalid/v1/users/usr_1'));
    expect(res.status).toBe(200);
    expect(reports).toEqual([`failure ${dead}`, `success ${baseUrl}`]);
  });

  it('retries any call whose connection was refused, since it never reached a server', async () => {
    const dead = await closedUrl();
    const { discovery } = roundRobin([dead, baseUrl]);
    const transport = createTransport({ service: 'users', discovery, sleep: noSleep });
    const res = await transport(
      new Request('http://users.invalid/v1/orders', {
        method: 'POST',
        body: '{"sku":"one"}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(res.status).toBe(200);
    expect(hits.map((h) => [h.method, h.path, h.body])).toEqual([
      ['POST', '/v1/orders', '{"sku":"one"}'],
    ]);
  });

  it('does not repeat a POST that timed out, as it may have been applied', async () => {
    const { discovery, reports } = roundRobin([baseUrl]);
    const transport = createTransport({
      service: 'users',
      discovery,
      timeoutMs: 100,
      sleep: noSleep,
    });
    const error = await apiErrorOf(
      transport(new Request('http://users.invalid/slow', { method: 'POST', body: '{}' })),
    );
    expect(error.status).toBe(503);
    expect(hits).toHaveLength(1);
    expect(reports).toEqual([`failure ${baseUrl}`]);
  });
});
