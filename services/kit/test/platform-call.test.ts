import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEventStream } from '../src/config/event-stream.ts';
import {
  backoffDelay,
  createPlatformCaller,
  describeFailure,
  fetchWithin,
  openCallScope,
  UnexpectedStatus,
} from '../src/platform-call/index.ts';
import { closedUrl, listenHttp, type TestServer, underGarbageCollection } from '../src/testing.ts';

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/** A real server: `hang` paths never answer, `stream` paths send one event then nothing. */
let server: TestServer;
let baseUrl: string;
let seen: Seen[] = [];
let closed: string[] = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  seen.push({
    method: req.method ?? '',
    path: req.url ?? '',
    authorization: req.headers.authorization,
    body,
  });
  res.on('close', () => {
    if (!res.writableFinished) {
      closed.push(req.url ?? '');
    }
  });
  if (req.url === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: hello\ndata: 1\n\n');
    return;
  }
  if (req.url !== '/hang') {
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
  }
}

beforeAll(async () => {
  server = await listenHttp((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => handle(req, res, body));
  });
  baseUrl = server.url;
});

afterAll(() => server.close());

beforeEach(() => {
  seen = [];
  closed = [];
});

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error,
  );
}

describe('a platform call', () => {
  it('sends a fresh bearer token and a JSON body, and hands the answer to its reader', async () => {
    let issued = 0;
    const caller = createPlatformCaller({
      peer: 'the registry',
      baseUrl: `${baseUrl}/`,
      token: () => `token-${++issued}`,
      timeoutMs: 1000,
    });
    const read = (answer: { status: number; json(): Promise<unknown> }) =>
      answer.json().then((body) => ({ status: answer.status, body }));
    expect(await caller.call('POST', '/v1/things', { body: { a: 1 } }, read)).toEqual({
      status: 201,
      body: { ok: true },
    });
    await caller.call('GET', '/v1/things', {}, () => undefined);
    expect(seen).toEqual([
      { method: 'POST', path: '/v1/things', authorization: 'Bearer token-1', body: '{"a":1}' },
      { method: 'GET', path: '/v1/things', authorization: 'Bearer token-2', body: '' },
    ]);
  });

  it('fails at its deadline and really closes the request, even while garbage is collected', async () => {
    const caller = createPlatformCaller({ peer: 'the registry', baseUrl, timeoutMs: 200 });
    const started = performance.now();
    const error = await underGarbageCollection(
      failureOf(caller.call('GET', '/hang', {}, () => undefined)),
    );
    const elapsed = performance.now() - started;
    expect(describeFailure(error)).toBe('timed out');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);
    await expect.poll(() => closed).toEqual(['/hang']);
  });

  it('ends a stream at its deadline and really closes it, even while garbage is collected', async () => {
    const caller = createPlatformCaller({ peer: 'the config center', baseUrl, timeoutMs: 200 });
    const events: string[] = [];
    const error = await underGarbageCollection(
      failureOf(
        caller.call('GET', '/stream', {}, async (answer) => {
          const body = answer.response.body as ReadableStream<Uint8Array>;
          for await (const event of readEventStream(body, { signal: answer.signal })) {
            events.push(event.event);
          }
          answer.signal.throwIfAborted();
        }),
      ),
    );
    expect(events).toEqual(['hello']);
    expect(describeFailure(error)).toBe('timed out');
    await expect.poll(() => closed).toEqual(['/stream']);
  });

  it('ends a call without a deadline when its owner stops', async () => {
    const stopping = new AbortController();
    const caller = createPlatformCaller({
      peer: 'the config center',
      baseUrl,
      timeoutMs: 50,
      signal: stopping.signal,
    });
    const call = failureOf(caller.call('GET', '/hang', { timeoutMs: null }, () => undefined));
    await expect.poll(() => seen.length).toBe(1);
    stopping.abort();
    expect(await call).toBeInstanceOf(DOMException);
    await expect.poll(() => closed).toEqual(['/hang']);
  });

  it('fails at its deadline even when the fetch ignores its signal', async () => {
    const scope = openCallScope({ timeoutMs: 50 });
    const never = () => new Promise<Response>(() => {});
    const error = await failureOf(fetchWithin(scope, never, new Request(`${baseUrl}/hang`)));
    expect(describeFailure(error)).toBe('timed out');
    scope.release();
  });

  it('names the peer and status of an answer its reader cannot go on with', async () => {
    const caller = createPlatformCaller({ peer: 'the registry', baseUrl, timeoutMs: 1000 });
    const error = await failureOf(
      caller.call('GET', '/v1/things', {}, (answer) => {
        throw answer.unexpected();
      }),
    );
    expect(error).toBeInstanceOf(UnexpectedStatus);
    expect(describeFailure(error)).toBe('the registry answered 201');
  });

  it('describes a refused connection by its code', async () => {
    const caller = createPlatformCaller({
      peer: 'the registry',
      baseUrl: await closedUrl(),
      timeoutMs: 1000,
    });
    const error = await failureOf(caller.call('GET', '/', {}, () => undefined));
    expect(describeFailure(error)).toBe('ECONNREFUSED');
  });
});

describe('the platform backoff', () => {
  it('doubles from the first delay up to the largest, drawn from the upper half', () => {
    const delays = { initial: 100, max: 1000 };
    for (let draw = 0; draw < 50; draw++) {
      const [first, second, capped] = [0, 1, 20].map((failures) => backoffDelay(delays, failures));
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(second).toBeGreaterThanOrEqual(100);
      expect(second).toBeLessThanOrEqual(200);
      expect(capped).toBeGreaterThanOrEqual(500);
      expect(capped).toBeLessThanOrEqual(1000);
    }
  });
});
