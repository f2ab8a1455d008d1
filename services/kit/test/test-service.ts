import {
  ApiError,
  createRoute,
  createRouter,
  createService,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ReadinessCheck,
  type Resilience,
  z,
} from '../src/index.ts';
import { captureLogger } from '../src/testing.ts';

const ThingSchema = z.object({ id: z.string(), name: z.string() });

const getThing = createRoute({
  method: 'get',
  path: '/v1/things/{id}',
  operationId: 'things.get',
  access: { public: true },
  request: { params: z.object({ id: z.string().min(3) }) },
  responses: { 200: jsonResponse(ThingSchema, 'The thing.'), ...errorResponses('not_found') },
});

const createThing = createRoute({
  method: 'post',
  path: '/v1/things',
  operationId: 'things.create',
  access: { public: true },
  request: { body: jsonBody(z.object({ name: z.string().min(1) })) },
  responses: { 201: jsonResponse(ThingSchema, 'The thing was created.'), ...errorResponses() },
});

export interface TestServiceOptions {
  readiness?: Record<string, ReadinessCheck>;
  maxBodyBytes?: number;
  resilience?: Resilience;
}

/**
 * A service built by the real `createService`, with a few routes that exercise the kit:
 * a templated route, a JSON body, thrown errors, the request's trace context and its logger.
 */
export function createTestService(options: TestServiceOptions = {}) {
  const { logger, lines } = captureLogger('things');
  const app = createService({
    name: 'things',
    version: '1.2.3',
    instanceId: 'things-1',
    description: 'A service for testing the kit.',
    logger,
    deps: {},
    ...options,
  });
  const router = createRouter();
  router.openapi(getThing, (c) => c.json({ id: c.req.valid('param').id, name: 'A thing' }, 200));
  router.openapi(createThing, (c) => c.json({ id: 'thg_1', name: c.req.valid('json').name }, 201));
  router.get('/v1/boom', () => {
    throw new Error('connection to db-internal.example:5432 failed, password=hunter2');
  });
  router.get('/v1/conflict', () => {
    throw new ApiError('conflict', { detail: 'The thing is taken.' });
  });
  router.get('/v1/context', (c) =>
    c.json({
      requestId: c.get('requestId'),
      traceId: c.get('traceId'),
      traceparent: c.get('traceparent'),
    }),
  );
  router.get('/v1/slow', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, Number(c.req.query('ms') ?? 50)));
    return c.json({ slept: true });
  });
  router.post('/v1/log', async (c) => {
    c.get('logger').info(await c.req.json(), 'handler says');
    return c.body(null, 204);
  });
  app.route('/', router);
  return { app, logLines: lines };
}
