import { describe, expect, it } from 'vitest';
import {
  ApiError,
  callerOfRequest,
  createRouter,
  createService,
  type EdgeMiddleware,
  openApiDocumentOf,
} from '../src/index.ts';
import { captureLogger, createTestIdentity } from '../src/testing.ts';

/** A service with an edge's middleware, answering who the kit and the edge say is calling. */
async function edgeService(edge: EdgeMiddleware, document?: () => never) {
  const identity = await createTestIdentity();
  const app = createService<object>({
    name: 'edge',
    version: '1',
    instanceId: 'edge-1',
    description: 'An edge.',
    logger: captureLogger('edge').logger,
    deps: {},
    identity: identity.settings,
    edge,
    ...(document ? { document } : {}),
  });
  const router = createRouter();
  router.get('/v1/who', (c) => c.json(callerOfRequest(c)));
  app.route('/', router);
  return { app, identity };
}

describe('an edge service', () => {
  it('runs its first middleware before anything may refuse the call', async () => {
    const { app } = await edgeService({
      first: [
        async (c, next) => {
          await next();
          c.res.headers.set('x-edge', 'seen');
        },
      ],
    });
    const refused = await app.request('/v1/who', { headers: { authorization: 'Bearer nope' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-edge')).toBe('seen');
  });

  it('adds to the verified caller once identified, before the routes and the engine', async () => {
    const { app, identity } = await edgeService({
      identified: [
        async (c, next) => {
          if (c.req.header('x-edge-key') !== 'k1') {
            throw new ApiError('unauthorized', { detail: 'No key.' });
          }
          c.set('caller', { ...c.get('caller'), apiKey: { id: 'key_1', scopes: ['a:read'] } });
          return next();
        },
      ],
    });
    const user = await identity.asUser({ id: 'usr_1' });
    const res = await app.request('/v1/who', { headers: { ...user, 'x-edge-key': 'k1' } });
    expect(await res.json()).toMatchObject({
      user: { id: 'usr_1' },
      apiKey: { id: 'key_1', scopes: ['a:read'] },
    });
    expect((await app.request('/v1/who', { headers: user })).status).toBe(401);
  });

  it('serves and publishes the document it is given instead of its routes’ own', async () => {
    const document = { openapi: '3.1.0', info: { title: 'Merged', version: '1' }, paths: {} };
    const { app } = await edgeService({}, () => document as never);
    expect(await (await app.request('/openapi.json')).json()).toEqual(document);
    expect(openApiDocumentOf(app)).toEqual(document);
  });
});
