import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { actorOf, editorAccess } from '../../config/access.ts';
import { NoGrayRelease } from '../../config/domain.ts';
import { commitRelease } from '../../config/releases.ts';
import { findSchema, setDraftBase } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentRelease } from './present.ts';
import { GrayActionSchema, ReleaseSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

const actions = {
  promote: {
    summary: 'Promote the live gray release to everyone',
    description:
      'Publishes the gray values as a full release (the next revision) and ends the gray release as promoted. Needs the operator or admin role; the gray values were already approved where that is needed.',
  },
  abandon: {
    summary: 'Abandon the live gray release',
    description:
      'Ends the gray release and publishes the live full values again as a rollback release (the next revision), so gray instances return to them. Needs the operator or admin role.',
  },
} as const;

function grayRoute(action: keyof typeof actions) {
  return createRoute({
    method: 'post',
    path: `/v1/config/{namespace}/{service}/gray/${action}`,
    operationId: `config.${action}Gray`,
    tags: ['config'],
    summary: actions[action].summary,
    description: actions[action].description,
    access: editorAccess,
    request: { params: TargetParamsSchema, body: jsonBody(GrayActionSchema) },
    responses: {
      201: jsonResponse(ReleaseSchema, 'The release that ended the gray release.'),
      ...errorResponses('not_found', 'conflict'),
    },
  });
}

export const promoteGrayRoute = grayRoute('promote');
export const abandonGrayRoute = grayRoute('abandon');

export function registerGrayActions(app: ServiceApp<ConfigDeps>) {
  for (const [action, route] of [
    ['promote', promoteGrayRoute],
    ['abandon', abandonGrayRoute],
  ] as const) {
    app.openapi(route, async (c) => {
      const { deps, caller, target } = await openTarget(c);
      const { comment } = c.req.valid('json');
      const secretKeys = (await findSchema(deps.db, target.service))?.secretKeys ?? [];
      const actor = actorOf(caller);
      const release = await commitRelease(deps, target, secretKeys, (state) => {
        const { gray, base } = state;
        if (!gray) {
          throw new NoGrayRelease();
        }
        const text = comment || `${action} gray release ${gray.row.revision}`;
        if (action === 'promote') {
          return {
            release: { kind: 'full', values: gray.row.values, comment: text, author: actor },
            plain: gray.opened,
            endGray: 'promoted',
            audit: { action, actor, comment: text },
            alsoInTransaction: (tx, row) => setDraftBase(tx, target, row.revision),
          };
        }
        // A gray release is only made on top of a full one, so `base` is there.
        return {
          release: {
            kind: 'rollback',
            values: base?.row.values ?? {},
            comment: text,
            author: actor,
            rolledBackTo: base?.row.revision ?? null,
          },
          plain: base?.opened ?? { values: {}, secretKeys: [] },
          diffFrom: gray.opened,
          endGray: 'abandoned',
          audit: { action, actor, comment: text },
        };
      });
      return c.json(presentRelease(release, secretKeys), 201);
    });
  }
}
