import { describe, expect, it } from 'vitest';
import { createdRoute } from '../src/idempotency.ts';
import {
  ApiError,
  CursorSchema,
  changeRequested,
  createRouter,
  createService,
  etagOf,
  idCursor,
  LimitSchema,
  listRoute,
  openApiDocumentOf,
  registerList,
  transitionRoute,
  z,
} from '../src/index.ts';
import { captureLogger } from '../src/testing.ts';

interface Thing {
  id: string;
  version: number;
  archived: boolean;
}

const ThingSchema = z.object({ id: z.string(), version: z.number(), archived: z.boolean() });
const ThingPageSchema = z.object({
  items: z.array(ThingSchema),
  nextCursor: z.string().nullable(),
});

const listThingsRoute = listRoute({
  path: '/v1/things',
  operationId: 'things.list',
  access: { public: true },
  tags: ['things'],
  summary: 'List things, newest first',
  request: { query: z.object({ limit: LimitSchema, cursor: CursorSchema }) },
  page: { schema: ThingPageSchema, description: 'One page of things.' },
});

const archiveThingRoute = transitionRoute({
  resource: 'things',
  path: '/v1/things/{id}',
  action: 'archive',
  access: { public: true },
  summary: 'Archive a thing',
  params: z.object({ id: z.string() }),
  answer: { schema: ThingSchema, description: 'The archived thing.' },
  conflict: { archived: z.boolean() },
});

const createThingRoute = createdRoute({
  path: '/v1/things',
  operationId: 'things.create',
  access: { public: true },
  tags: ['things'],
  summary: 'Create a thing',
  description: 'Things are made from nothing.',
  body: z.object({ name: z.string() }),
  created: { schema: ThingSchema, description: 'The thing was created.' },
});

/** Things newest first, as a repository would keep them; `ids` says which exist. */
function thingsApp(ids: string[]) {
  const things = new Map(ids.map((id) => [id, { id, version: 1, archived: false } as Thing]));
  const router = createRouter<{ things: Map<string, Thing> }>();
  registerList(router, listThingsRoute, {
    cursor: idCursor,
    rows: async ({ things }, query) =>
      [...things.values()]
        .filter((thing) => query.afterId === undefined || thing.id < query.afterId)
        .slice(0, query.limit + 1),
    present: (thing) => ({ ...thing }),
  });
  router.openapi(archiveThingRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { things } = c.get('deps');
    const archived = await changeRequested(c, {
      read: async () => things.get(id),
      notFound: () => new ApiError('not_found', { detail: `No thing ${id}.` }),
      write: async (current) => {
        const next = { ...current, version: current.version + 1, archived: true };
        things.set(id, next);
        return next;
      },
      lostRace: () => new ApiError('conflict', { detail: 'Changed meanwhile.' }),
    });
    return c.json(archived, 200);
  });
  router.openapi(createThingRoute, (c) => c.json({ id: 'x', version: 1, archived: false }, 201));
  const app = createService({
    name: 'things',
    version: '1.0.0',
    instanceId: 'things-1',
    description: 'Things, for testing the route helpers.',
    logger: captureLogger('things').logger,
    deps: { things },
  });
  app.route('/', router);
  return app;
}

function operation(app: ReturnType<typeof thingsApp>, path: string, method: 'get' | 'post') {
  const operation = openApiDocumentOf(app).paths?.[path]?.[method];
  if (!operation?.responses) {
    throw new Error(`${method} ${path} is not documented`);
  }
  return { ...operation, responses: operation.responses as Record<string, unknown> };
}

describe('listRoute and registerList', () => {
  it('walk a list page by page, presenting every row', async () => {
    const app = thingsApp(['t5', 't4', 't3', 't2', 't1']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await app.request(`/v1/things?limit=2${query}`);
      expect(res.status).toBe(200);
      const page = ThingPageSchema.parse(await res.json());
      seen.push(...page.items.map((thing) => thing.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['t5', 't4', 't3', 't2', 't1']);
  });

  it('refuse a cursor they did not issue with a 400 naming it', async () => {
    const res = await thingsApp(['t1']).request('/v1/things?cursor=nonsense');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { in: 'query', path: 'cursor', message: 'is not a valid cursor' },
    ]);
  });

  it('document a GET answering the page, and what every route answers', () => {
    const list = operation(thingsApp([]), '/v1/things', 'get');
    expect(list.operationId).toBe('things.list');
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '429', '500', '503']);
  });
});

describe('transitionRoute and changeRequested', () => {
  it('answer the changed resource with its new ETag', async () => {
    const res = await thingsApp(['t1']).request('/v1/things/t1/archive', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(etagOf('t1', 2));
    expect(await res.json()).toEqual({ id: 't1', version: 2, archived: true });
  });

  it('refuse a stale If-Match with 412 and change nothing', async () => {
    const app = thingsApp(['t1']);
    const stale = { method: 'POST', headers: { 'if-match': etagOf('t1', 0) } };
    expect((await app.request('/v1/things/t1/archive', stale)).status).toBe(412);
    const fresh = { method: 'POST', headers: { 'if-match': etagOf('t1', 1) } };
    expect((await app.request('/v1/things/t1/archive', fresh)).status).toBe(200);
  });

  it('answer 404 for a resource that does not exist', async () => {
    const res = await thingsApp([]).request('/v1/things/t9/archive', { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('document the action as `<resource>.<action>` with If-Match, ETag, 404, 409 and 412', () => {
    const archive = operation(thingsApp([]), '/v1/things/{id}/archive', 'post');
    expect(archive.operationId).toBe('things.archive');
    expect(archive.tags).toEqual(['things']);
    expect(archive.parameters).toContainEqual(expect.objectContaining({ name: 'if-match' }));
    expect(Object.keys(archive.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409', '412']),
    );
    expect(JSON.stringify(archive.responses['200'])).toContain('ETag');
  });
});

describe('createdRoute', () => {
  it('documents the key, the 201, the keys’ 409 and 422, the body’s 413 and 415, and how keys are honoured', () => {
    const create = operation(thingsApp([]), '/v1/things', 'post');
    expect(create.description).toMatch(/^Things are made from nothing\. With an `Idempotency-Key`/);
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key' }));
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '409', '413', '415', '422']),
    );
  });
});
