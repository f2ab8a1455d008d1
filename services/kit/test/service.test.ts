import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../src/index.ts';
import { createTestService } from './test-service.ts';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const text = await res.text();
  const problem = ProblemSchema.parse(JSON.parse(text));
  expect(problem.status).toBe(status);
  expect(Array.isArray(problem.errors)).toBe(true);
  expect(problem.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(problem.traceId).toBe(res.headers.get('x-trace-id'));
  return { problem, text };
}

function postJson(body: string, contentType = 'application/json') {
  return { method: 'POST', body, headers: { 'content-type': contentType } };
}

describe('request ids', () => {
  it('generates an x-request-id when the caller sends none and echoes it', async () => {
    const { app } = createTestService();
    const res = await app.request('/v1/context');
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { requestId: string }).requestId).toBe(requestId);
  });

  it('keeps the x-request-id the caller sends', async () => {
    const { app } = createTestService();
    const res = await app.request('/v1/context', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect(((await res.json()) as { requestId: string }).requestId).toBe('req-abc-123');
  });

  it('replaces an x-request-id that is too long or has unsafe characters', async () => {
    const { app } = createTestService();
    for (const sent of ['x'.repeat(201), 'bad id\twith spaces']) {
      const res = await app.request('/v1/context', { headers: { 'x-request-id': sent } });
      expect(res.headers.get('x-request-id')).not.toBe(sent);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('trace context', () => {
  it('continues the trace of a valid traceparent with a new span of its own', async () => {
    const { app } = createTestService();
    const res = await app.request('/v1/context', {
      headers: { traceparent: `00-${traceId}-${spanId}-01` },
    });
    expect(res.headers.get('x-trace-id')).toBe(traceId);
    const body = (await res.json()) as { traceId: string; traceparent: string };
    expect(body.traceId).toBe(traceId);
    const [, sentTrace, ownSpan, flags] = body.traceparent.split('-');
    expect(sentTrace).toBe(traceId);
    expect(ownSpan).toMatch(/^[0-9a-f]{16}$/);
    expect(ownSpan).not.toBe(spanId);
    expect(flags).toBe('01');
  });

  it.each([
    ['garbage', 'not-a-traceparent'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${spanId}-01`],
    ['an all-zero span id', `00-${traceId}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${traceId.slice(2)}-${spanId}-01`],
  ])('ignores a traceparent with %s and starts a new trace', async (_case, traceparent) => {
    const { app } = createTestService();
    const res = await app.request('/v1/context', { headers: { traceparent } });
    const sent = res.headers.get('x-trace-id');
    expect(sent).toMatch(/^[0-9a-f]{32}$/);
    expect(sent).not.toBe(traceId);
    expect(sent).not.toBe('0'.repeat(32));
    expect(((await res.json()) as { traceparent: string }).traceparent).toMatch(
      new RegExp(`^00-${sent}-[0-9a-f]{16}-00$`),
    );
  });

  it('puts the trace id of the request in the problem body and the x-trace-id header', async () => {
    const { app } = createTestService();
    const res = await app.request('/v1/conflict', {
      headers: { traceparent: `00-${traceId}-${spanId}-01` },
    });
    const { problem } = await expectProblem(res, 409);
    expect(problem.traceId).toBe(traceId);
  });
});

describe('errors', () => {
  it('answers a thrown Error with a 500 problem that leaks neither message nor stack', async () => {
    const { app, logLines } = createTestService();
    const { problem, text } = await expectProblem(await app.request('/v1/boom'), 500);
    expect(problem.type).toBe('urn:trellis:problem:internal');
    expect(text).not.toMatch(/hunter2|db-internal|5432|stack|\bat \S+:\d+/);
    const logged = logLines.find((line) => line.msg === 'request failed');
    expect(logged?.level).toBe('error');
    expect(logged?.traceId).toBe(problem.traceId);
  });

  it('answers an ApiError with its own status, title and detail', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(await app.request('/v1/conflict'), 409);
    expect(problem).toMatchObject({
      type: 'urn:trellis:problem:conflict',
      title: 'Conflict',
      detail: 'The thing is taken.',
      instance: '/v1/conflict',
      errors: [],
    });
  });

  it('answers malformed JSON with a 400 problem about the body', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(
      await app.request('/v1/things', postJson('{"name":')),
      400,
    );
    expect(problem.errors).toEqual([{ in: 'body', path: '', message: 'is not valid JSON' }]);
  });

  it('answers a body that breaks the schema with a 400 problem naming the field', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(
      await app.request('/v1/things', postJson('{"name":42}')),
      400,
    );
    expect(problem.errors.map((e) => e.path)).toEqual(['name']);
  });

  it('answers a body that is not JSON with a 415 problem naming the content type', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(
      await app.request('/v1/things', postJson('name=x', 'text/plain')),
      415,
    );
    expect(problem.errors.map((e) => e.path)).toEqual(['content-type']);
  });

  it('answers a body over the size limit with a 413 problem', async () => {
    const { app } = createTestService({ maxBodyBytes: 64 });
    const body = JSON.stringify({ name: 'x'.repeat(100) });
    const { problem } = await expectProblem(await app.request('/v1/things', postJson(body)), 413);
    expect(problem.detail).toContain('64 bytes');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(await app.request('/v1/nothing-here'), 404);
    expect(problem.detail).toBe('No route for GET /v1/nothing-here.');
  });

  it('answers an invalid path parameter with a 400 problem located in the path', async () => {
    const { app } = createTestService();
    const { problem } = await expectProblem(await app.request('/v1/things/ab'), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'path', path: 'id' })]);
  });
});

describe('health and readiness', () => {
  it('answers /healthz with the service, version and instance', async () => {
    const { app } = createTestService();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      service: 'things',
      version: '1.2.3',
      instance: 'things-1',
    });
  });

  it('answers /readyz with 200 when every check passes', async () => {
    const { app } = createTestService({
      readiness: { database: async () => {}, cache: async () => 'pong' },
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', cache: 'ok' },
    });
  });

  it('answers /readyz with 503 naming the check that failed', async () => {
    const { app } = createTestService({
      readiness: {
        database: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
        cache: async () => {},
      },
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'connect ECONNREFUSED 127.0.0.1:5432', cache: 'ok' },
    });
  });
});

describe('contract', () => {
  it('serves an OpenAPI 3.1.0 document with the routes as templates', async () => {
    const { app } = createTestService();
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Trellis things service', version: '1.2.3' });
    expect(document.paths['/v1/things/{id}']?.get?.operationId).toBe('things.get');
    expect(document.paths['/v1/things']?.post?.operationId).toBe('things.create');
  });

  it('serves human docs as HTML at /docs', async () => {
    const { app } = createTestService();
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Trellis things API</title>');
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves the API reference assets itself, versioned and cached for a year', async () => {
    const { app } = createTestService();
    const html = await (await app.request('/docs')).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toHaveLength(3);
    for (const asset of assets) {
      const res = await app.request(new URL(asset as string, 'http://service/docs').pathname);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    const types = assets.map((asset) => (asset as string).split('.').pop());
    expect(types.sort()).toEqual(['css', 'js', 'png']);
  });
});
