import {
  changeVersioned,
  createRoute,
  errorResponses,
  etagOf,
  IfMatchHeaderSchema,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { nextStatus, type UserAction, UserChangedMeanwhile, UserNotFound } from '../../domain.ts';
import { findUserById, updateUser } from '../../repository.ts';
import { presentUser, userEvent } from './present.ts';
import { TransitionConflictExtensions } from './problems.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

const actions = {
  suspend: {
    event: 'user.suspended',
    summary: 'Suspend a user: they can no longer sign in or order',
  },
  reactivate: { event: 'user.reactivated', summary: 'Reactivate a suspended user' },
} as const satisfies Record<UserAction, { event: string; summary: string }>;

function transitionRoute(action: UserAction) {
  return createRoute({
    method: 'post',
    path: `/v1/users/{id}/${action}`,
    operationId: `users.${action}`,
    tags: ['users'],
    summary: actions[action].summary,
    request: { params: UserParamsSchema, headers: IfMatchHeaderSchema },
    responses: {
      200: jsonResponse(UserSchema, 'The user in its new status.'),
      ...errorResponses(
        'not_found',
        { conflict: TransitionConflictExtensions },
        'precondition_failed',
      ),
    },
  });
}

export const suspendUserRoute = transitionRoute('suspend');
export const reactivateUserRoute = transitionRoute('reactivate');

export function registerUserTransitions(app: ServiceApp<UsersDeps>) {
  for (const [action, route] of [
    ['suspend', suspendUserRoute],
    ['reactivate', reactivateUserRoute],
  ] as const) {
    app.openapi(route, async (c) => {
      const { db, now } = c.get('deps');
      const { id } = c.req.valid('param');
      const headers = propagationHeaders();
      const updated = await changeVersioned({
        ifMatch: c.req.valid('header')['if-match'],
        read: () => findUserById(db, id),
        notFound: () => new UserNotFound(id),
        write: (current) =>
          updateUser(
            db,
            id,
            current.version,
            { status: nextStatus(current.status, action) },
            (row) => userEvent(actions[action].event)(row, headers),
            now(),
          ),
        lostRace: () => new UserChangedMeanwhile(id, action),
      });
      c.header('etag', etagOf(updated.id, updated.version));
      return c.json(presentUser(updated), 200);
    });
  }
}
