import type { RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { etagMatches, etagOf, IfNoneMatchHeaderSchema, type Versioned } from './conditional.ts';
import { errorResponses } from './error-responses.ts';
import type { Access } from './identity/access.ts';
import type { KitEnv } from './request-context.ts';
import { createRoute } from './route.ts';
import type { ServiceApp } from './service.ts';
import { versionedResponse } from './versioned-route.ts';

type IdParams = NonNullable<NonNullable<RouteConfig['request']>['params']>;

export interface ReadRouteConfig<Params extends IdParams, Answer extends z.ZodType> {
  /** `<resource>.get`: the resource names the tag and, unless `path` is given, the path. */
  operationId: `${string}.get`;
  /** `/v1/<resource>/{id}` when omitted; given for a kebab-case path (`/v1/api-keys/{id}`). */
  path?: `/v1/${string}/{id}`;
  tags?: string[];
  summary: string;
  /** Who may read it. */
  access: Access;
  params: Params;
  /** The 200: the resource, whose `id` and `version` make its ETag. */
  answer: { schema: Answer; description: string };
}

/**
 * `GET /v1/<resource>/{id}` of a versioned resource: answered with its ETag, or 304 when the
 * caller's `If-None-Match` is still current.
 */
export function readRoute<Params extends IdParams, Answer extends z.ZodType>(
  config: ReadRouteConfig<Params, Answer>,
) {
  const [resource] = config.operationId.split('.');
  return createRoute({
    method: 'get' as const,
    path: config.path ?? `/v1/${resource}/{id}`,
    operationId: config.operationId,
    tags: config.tags ?? [resource as string],
    summary: config.summary,
    access: config.access,
    request: { params: config.params, headers: IfNoneMatchHeaderSchema },
    responses: {
      200: versionedResponse(config.answer.schema, config.answer.description),
      304: { description: 'Unchanged since the ETag in `If-None-Match`.' },
      ...errorResponses('not_found'),
    },
  });
}

export interface ReadHandler<Deps, Row, Item extends Versioned> {
  /** The row; given the request too, for a check of who asks (`assertOwns`) before reading. */
  read: (deps: Deps, id: string, c: Context<KitEnv<Deps>>) => Promise<Row | undefined>;
  notFound: (id: string) => Error;
  present: (row: Row) => Item;
}

/** What `registerRead` needs of a route made by `readRoute`. */
interface ReadRoute<Answer extends z.ZodType> {
  method: 'get';
  path: string;
  responses: { 200: { content: { 'application/json': { schema: Answer } } } };
}

/** Serves a route made by `readRoute`: the row by its id, presented, with its ETag. */
export function registerRead<Deps, Answer extends z.ZodType, Row>(
  app: ServiceApp<Deps>,
  route: ReadRoute<Answer>,
  handler: ReadHandler<Deps, Row, z.input<Answer> & Versioned>,
) {
  const serve = async (c: Context<KitEnv<Deps>>) => {
    const { id } = c.req.valid('param' as never) as { id: string };
    const row = await handler.read(c.get('deps'), id, c);
    if (row === undefined) {
      throw handler.notFound(id);
    }
    const item = handler.present(row);
    const etag = etagOf(item.id, item.version);
    c.header('etag', etag);
    c.header('cache-control', 'private, no-cache');
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
      return c.body(null, 304);
    }
    return c.json(item, 200);
  };
  // As for lists: TypeScript cannot match a handler to a route this generic; `present` is
  // checked against the answer's schema instead.
  app.openapi(route as unknown as RouteConfig, serve as never);
}
