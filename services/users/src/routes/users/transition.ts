import { type ServiceApp, transitionRoute } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { nextStatus, type UserAction } from '../../domain.ts';
import { changeUser } from './change.ts';
import { presentUser } from './present.ts';
import { TransitionConflictExtensions } from './problems.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

const actions = {
  suspend: {
    event: 'user.suspended',
    summary: 'Suspend a user: they can no longer sign in or order',
  },
  reactivate: { event: 'user.reactivated', summary: 'Reactivate a suspended user' },
} as const satisfies Record<UserAction, { event: string; summary: string }>;

function userTransitionRoute<Action extends UserAction>(action: Action) {
  return transitionRoute({
    resource: 'users',
    path: '/v1/users/{id}',
    action,
    summary: actions[action].summary,
    params: UserParamsSchema,
    answer: { schema: UserSchema, description: 'The user in its new status.' },
    conflict: TransitionConflictExtensions,
  });
}

export const suspendUserRoute = userTransitionRoute('suspend');
export const reactivateUserRoute = userTransitionRoute('reactivate');

export function registerUserTransitions(app: ServiceApp<UsersDeps>) {
  for (const [action, route] of [
    ['suspend', suspendUserRoute],
    ['reactivate', reactivateUserRoute],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const updated = await changeUser(
        c,
        id,
        action,
        (current) => ({ status: nextStatus(current.status, action) }),
        actions[action].event,
      );
      return c.json(presentUser(updated), 200);
    });
  }
}
