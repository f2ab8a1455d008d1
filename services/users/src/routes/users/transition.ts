import { type ServiceApp, transitionRoute } from '@trellis/kit';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { nextStatus, type UserAction } from '../../domain.ts';
import { revokeUserSessions } from '../../repository/sessions.ts';
import { type UserTopic, userReactivated, userSuspended } from '../../topics.ts';
import { changeUser } from './change.ts';
import { presentUser } from './present.ts';
import { TransitionConflictExtensions } from './problems.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

const actions = {
  suspend: {
    event: userSuspended,
    audit: 'user.suspended',
    summary: 'Suspend a user: their sessions end, they can no longer sign in, refresh or order',
  },
  reactivate: {
    event: userReactivated,
    audit: 'user.reactivated',
    summary: 'Reactivate a suspended user',
  },
} as const satisfies Record<
  UserAction,
  { event: UserTopic; audit: 'user.suspended' | 'user.reactivated'; summary: string }
>;

function userTransitionRoute<Action extends UserAction>(action: Action) {
  return transitionRoute({
    resource: 'users',
    path: '/v1/users/{id}',
    action,
    summary: actions[action].summary,
    access: { role: 'admin' },
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
      const { now } = c.get('deps');
      const origin = originOf(c);
      const { event, audit } = actions[action];
      const updated = await changeUser(c, id, {
        action,
        event,
        changes: (current) => ({ status: nextStatus(current.status, action) }),
        along: async (tx) => {
          // A suspended user's refresh tokens die with the suspension, in its transaction.
          const revoked =
            action === 'suspend' ? await revokeUserSessions(tx, id, 'suspended', now()) : [];
          const detail = action === 'suspend' ? { sessionsRevoked: revoked.length } : {};
          await recordSecurityEvent(
            tx,
            origin,
            { action: audit, outcome: 'ok', subject: id, detail },
            now(),
          );
        },
      });
      return c.json(presentUser(updated), 200);
    });
  }
}
