import type { RouteConfig, z } from '@hono/zod-openapi';
import {
  changeVersioned,
  etagOf,
  IfMatchHeaderSchema,
  type Versioned,
  type VersionedChange,
} from './conditional.ts';
import { errorResponses, type ProblemExtensions } from './error-responses.ts';
import type { Access } from './identity/access.ts';
import { jsonResponse } from './openapi.ts';
import { createRoute } from './route.ts';

/** The 200 of a versioned resource: its body, and its version in the `ETag` header. */
export function versionedResponse<T extends z.ZodType>(schema: T, description: string) {
  return {
    ...jsonResponse(schema, description),
    headers: {
      ETag: { description: 'Its version tag, for `If-Match`.', schema: { type: 'string' } },
    },
  } as const;
}

type RouteParams = NonNullable<NonNullable<RouteConfig['request']>['params']>;

export interface TransitionRouteConfig<
  Base extends string,
  Action extends string,
  Params extends RouteParams,
  Answer extends z.ZodType,
> {
  /** The collection: the tag, and the operationId's first half (`orders` → `orders.pay`). */
  resource: string;
  /** The resource's own path, `/v1/orders/{id}`; the action is appended to it. */
  path: Base;
  action: Action;
  summary: string;
  /** Who may take the action. */
  access: Access;
  description?: string;
  params: Params;
  /** The 200: the resource in its new state. */
  answer: { schema: Answer; description: string };
  /** The extension members of the 409 answered when the action does not apply to the state. */
  conflict: ProblemExtensions;
}

/**
 * `POST <path>/<action>`: moves a versioned resource to its next state. It takes `If-Match`
 * and answers the resource with its new ETag; 404 when missing, 409 when the action does not
 * apply to its state, 412 when `If-Match` is stale.
 */
export function transitionRoute<
  Base extends string,
  Action extends string,
  Params extends RouteParams,
  Answer extends z.ZodType,
>(config: TransitionRouteConfig<Base, Action, Params, Answer>) {
  return createRoute({
    method: 'post' as const,
    path: `${config.path}/${config.action}` as const,
    operationId: `${config.resource}.${config.action}`,
    tags: [config.resource],
    access: config.access,
    summary: config.summary,
    ...(config.description ? { description: config.description } : {}),
    request: { params: config.params, headers: IfMatchHeaderSchema },
    responses: {
      200: versionedResponse(config.answer.schema, config.answer.description),
      ...errorResponses('not_found', { conflict: config.conflict }, 'precondition_failed'),
    },
  });
}

/** The parts of a Hono context `changeRequested` uses. */
interface ChangeContext {
  req: { header(name: string): string | undefined };
  header(name: string, value: string): void;
}

/**
 * `changeVersioned` for a route that declares `IfMatchHeaderSchema` (so the header read here is
 * validated): checks the request's `If-Match`, and sets the changed row's ETag on the answer.
 */
export async function changeRequested<Row extends Versioned>(
  c: ChangeContext,
  change: Omit<VersionedChange<Row>, 'ifMatch'>,
): Promise<Row> {
  const updated = await changeVersioned({ ...change, ifMatch: c.req.header('if-match') });
  c.header('etag', etagOf(updated.id, updated.version));
  return updated;
}
