import { describe, expect, it } from 'vitest';
import {
  boundedInt,
  boundedIntParam,
  createRoute,
  createRouter,
  createService,
  decodeCursor,
  encodeCursor,
  errorResponses,
  findUnstorable,
  jsonBody,
  jsonResponse,
  maxInputDepth,
  utcDateTime,
  z,
} from '../src/index.ts';
import { captureLogger, expectProblem, jsonRequester } from '../src/testing.ts';

const echo = createRoute({
  method: 'post',
  path: '/v1/notes/{slug}',
  operationId: 'notes.create',
  access: { public: true },
  request: {
    params: z.object({ slug: z.string() }),
    query: z.object({ q: z.string().optional(), page: boundedIntParam(1, 50).optional() }),
    headers: z.object({ 'x-tag': z.string().optional() }),
    body: jsonBody(
      z.object({
        title: z.string().max(200),
        values: z.record(z.string(), z.unknown()).default({}),
        tags: z.array(z.string()).default([]),
        at: utcDateTime().optional(),
        count: boundedInt(0).optional(),
      }),
    ),
  },
  responses: { 200: jsonResponse(z.object({ ok: z.boolean() }), 'Taken.'), ...errorResponses() },
});

function notesApp() {
  const app = createService({
    name: 'notes',
    version: '1',
    instanceId: 'notes-1',
    description: 'Notes.',
    logger: captureLogger('notes').logger,
    deps: {},
  });
  const router = createRouter();
  router.openapi(echo, (c) => c.json({ ok: true }, 200));
  app.route('/', router);
  return jsonRequester(app);
}

const request = notesApp();
const post = (body: unknown, path = '/v1/notes/a', headers: Record<string, string> = {}) =>
  request(path, { method: 'POST', json: body, headers });

describe('text Postgres cannot store', () => {
  it('is refused with a 400 naming the body field when a NUL is in it', async () => {
    const problem = await expectProblem(await post({ title: 'a\u0000b' }), 400, 'title');
    expect(problem.errors).toEqual([
      { in: 'body', path: 'title', message: 'must not contain the NUL character (U+0000)' },
    ]);
  });

  it('is refused deep inside free-form JSON values and arrays', async () => {
    const problem = await expectProblem(
      await post({ title: 'ok', values: { greeting: ['fine', { text: 'x\ud800' }] } }),
      400,
      'values.greeting[1].text',
    );
    expect(problem.errors[0]).toMatchObject({
      in: 'body',
      message: expect.stringContaining('unpaired surrogate'),
    });
  });

  it('is refused in object keys, naming the object that holds the key', async () => {
    const problem = await expectProblem(
      await post({ title: 'ok', values: { 'bad\u0000key': 1 } }),
      400,
      'values',
    );
    expect(problem.errors[0]?.message).toMatch(/^has a key that must not contain the NUL/);
  });

  it('is refused in query and path parameters', async () => {
    const inQuery = await expectProblem(await post({ title: 'ok' }, '/v1/notes/a?q=%00'), 400, 'q');
    expect(inQuery.errors[0]?.in).toBe('query');
    const inPath = await expectProblem(await post({ title: 'ok' }, '/v1/notes/a%00b'), 400, 'slug');
    expect(inPath.errors[0]?.in).toBe('path');
  });

  it('lets well-formed text through, emoji and other astral characters included', async () => {
    const res = await post({ title: 'Café 🎉', values: { greeting: 'héllo 𝄞' }, tags: ['ü'] });
    expect(res.status).toBe(200);
  });

  it('refuses input nested deeper than the limit before anything walks it recursively', async () => {
    const depth = 10_000;
    const body = `{"title":"ok","values":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const res = await request('/v1/notes/a', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const problem = await expectProblem(res, 400);
    expect(problem.errors[0]?.message).toBe(`is nested more than ${maxInputDepth} levels deep`);
  });
});

describe('bounded integers and instants', () => {
  it('refuses an integer past what an int4 column holds, naming the field', async () => {
    const problem = await expectProblem(await post({ title: 'ok', count: 2 ** 31 }), 400, 'count');
    expect(problem.errors[0]?.message).toMatch(/2147483647/);
    expect((await post({ title: 'ok', count: 2 ** 31 - 1 })).status).toBe(200);
  });

  it('refuses a query integer out of its range or not an integer', async () => {
    await expectProblem(await post({ title: 'ok' }, '/v1/notes/a?page=99999999999'), 400, 'page');
    await expectProblem(await post({ title: 'ok' }, '/v1/notes/a?page=1e400'), 400, 'page');
    await expectProblem(await post({ title: 'ok' }, '/v1/notes/a?page=1.5'), 400, 'page');
  });

  it('refuses instants before 1970 or in year 0, and takes the last millisecond of 9999', async () => {
    await expectProblem(await post({ title: 'ok', at: '0000-01-01T00:00:00Z' }), 400, 'at');
    await expectProblem(await post({ title: 'ok', at: '1969-12-31T23:59:59Z' }), 400, 'at');
    expect((await post({ title: 'ok', at: '9999-12-31T23:59:59.999Z' })).status).toBe(200);
  });

  it('document their bounds in the schema', () => {
    expect(z.toJSONSchema(boundedInt(0))).toMatchObject({ minimum: 0, maximum: 2147483647 });
  });
});

describe('cursors', () => {
  it('refuse positions holding text Postgres cannot store', () => {
    expect(() => decodeCursor(encodeCursor({ id: 'a\u0000' }), ['id'])).toThrow(/cursor/);
  });

  it('parse typed positions and refuse ones out of range', () => {
    const shape = { revision: boundedIntParam(0), at: utcDateTime() };
    const good = encodeCursor({ revision: '7', at: '2026-01-01T00:00:00Z' });
    expect(decodeCursor(good, shape)).toEqual({ revision: 7, at: '2026-01-01T00:00:00Z' });
    const huge = encodeCursor({ revision: '99999999999', at: '2026-01-01T00:00:00Z' });
    expect(() => decodeCursor(huge, shape)).toThrow(/cursor/);
    const early = encodeCursor({ revision: '1', at: '0000-01-01T00:00:00Z' });
    expect(() => decodeCursor(early, shape)).toThrow(/cursor/);
  });
});

describe('findUnstorable', () => {
  it('reports every offending string with its path, in the order sent', () => {
    expect(findUnstorable({ a: 'x\u0000', b: ['ok', '\udc00'], c: { d: 'fine' } })).toEqual([
      { path: ['a'], message: expect.stringContaining('NUL') },
      { path: ['b', 1], message: expect.stringContaining('surrogate') },
    ]);
  });
});
