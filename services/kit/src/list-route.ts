import type { RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ErrorDeclaration, errorResponses } from './error-responses.ts';
import type { Access } from './identity/access.ts';
import { jsonResponse } from './openapi.ts';
import { listPage, type PageCursor } from './pagination.ts';
import type { KitEnv } from './request-context.ts';
import { createRoute } from './route.ts';
import type { ServiceApp } from './service.ts';

type PageQuery = { limit: number; cursor?: string };
type ListRequest = NonNullable<RouteConfig['request']> & { query: z.ZodType<PageQuery> };

/** A list route's definition: a `GET` route's, with its query and page in place of responses. */
export type ListRouteConfig<
  Path extends string,
  Request extends ListRequest,
  Page extends z.ZodType,
> = Omit<RouteConfig, 'method' | 'path' | 'request' | 'responses' | 'operationId' | 'tags'> & {
  /** Who may list; an `owner` grant is narrowed with `ownerFilter` by the handler. */
  access: Access;
  /** `<resource>.list`: the resource names the tag and, unless `path` is given, the path. */
  operationId: `${string}.${string}`;
  /** `/v1/<resource>` when omitted, as the house's paths are. */
  path?: Path;
  tags?: string[];
  request: Request;
  /** The 200: the page's schema (`{ items, nextCursor }`) and what one page holds. */
  page: { schema: Page; description: string };
  /** The error codes it answers beyond those of every route (see `errorResponses`). */
  errors?: ErrorDeclaration[];
};

/** A keyset-paged `GET` list route, answering one page as `{ items, nextCursor }`. */
export function listRoute<
  Path extends string,
  Request extends ListRequest,
  Page extends z.ZodType,
>({ page, errors = [], ...config }: ListRouteConfig<Path, Request, Page>) {
  const [resource] = config.operationId.split('.');
  return createRoute({
    ...config,
    path: config.path ?? (`/v1/${resource}` as Path),
    tags: config.tags ?? [resource as string],
    method: 'get' as const,
    responses: {
      200: jsonResponse(page.schema, page.description),
      ...errorResponses(...errors),
    },
  });
}

/** What one item of a page schema's `items` is. */
type PageItem<Page extends z.ZodType> =
  z.input<Page> extends { items: (infer Item)[] } ? Item : never;

export interface ListHandler<Deps, Query extends PageQuery, Row, After, Item> {
  cursor: PageCursor<Row, After>;
  /**
   * Up to `limit + 1` rows from where the cursor points, by the query's filters; `c` is there
   * to narrow them to what the caller may see (`ownerFilter`).
   */
  rows: (
    deps: Deps,
    query: Omit<Query, 'cursor'> & Partial<After>,
    c: Context<KitEnv<Deps>>,
  ) => Promise<Row[]>;
  present: (row: Row) => Item;
}

/** What `registerList` needs of a route made by `listRoute`. */
interface ListRoute<Query extends z.ZodType<PageQuery>, Page extends z.ZodType> {
  method: 'get';
  path: string;
  request: { query: Query };
  responses: { 200: { content: { 'application/json': { schema: Page } } } };
}

/**
 * Serves a route made by `listRoute`: one page of rows from the validated query (see
 * `listPage`), each presented for the response.
 */
export function registerList<
  Deps,
  Query extends z.ZodType<PageQuery>,
  Page extends z.ZodType,
  Row,
  After,
>(
  app: ServiceApp<Deps>,
  route: ListRoute<Query, Page>,
  handler: ListHandler<Deps, z.output<Query>, Row, After, PageItem<Page>>,
) {
  const serve = async (c: Context<KitEnv<Deps>>) => {
    const query = c.req.valid('query' as never) as z.output<Query>;
    const page = await listPage(query, handler.cursor, (q) => handler.rows(c.get('deps'), q, c));
    return c.json({ ...page, items: page.items.map(handler.present) }, 200);
  };
  // TypeScript cannot match a handler to a route as generic as this one; `present` is
  // checked against the page schema's items instead.
  app.openapi(route as unknown as RouteConfig, serve as never);
}
