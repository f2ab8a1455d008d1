import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { approverAccess, editorAccess } from '../../config/access.ts';
import { approveChange, rejectChange } from '../../config/change-requests.ts';
import { findSchema } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentChangeRequest } from './present.ts';
import { ChangeRequestDecidedExtensions, GrayReleaseLiveExtensions } from './problems.ts';
import { ChangeRequestParamsSchema, ChangeRequestSchema, DecisionSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const approveChangeRequestRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/change-requests/{id}/approve',
  operationId: 'config.approveChangeRequest',
  tags: ['config'],
  summary: 'Approve a change request, publishing it',
  description:
    "Publishes the request as its author's release, approved by the caller. Needs the admin role and someone other than the author (403 otherwise).",
  access: approverAccess,
  request: { params: ChangeRequestParamsSchema, body: jsonBody(DecisionSchema) },
  responses: {
    200: jsonResponse(ChangeRequestSchema, 'Approved; `revision` names the release it made.'),
    ...errorResponses('not_found', 'unprocessable', {
      conflict: { ...GrayReleaseLiveExtensions, ...ChangeRequestDecidedExtensions },
    }),
  },
});

export const rejectChangeRequestRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/change-requests/{id}/reject',
  operationId: 'config.rejectChangeRequest',
  tags: ['config'],
  summary: 'Reject a change request, or withdraw your own',
  description: 'An admin rejects; the author withdraws. Nothing is published.',
  access: editorAccess,
  request: { params: ChangeRequestParamsSchema, body: jsonBody(DecisionSchema) },
  responses: {
    200: jsonResponse(ChangeRequestSchema, 'Rejected or withdrawn.'),
    ...errorResponses('not_found', {
      conflict: ChangeRequestDecidedExtensions,
    }),
  },
});

export function registerDecideChangeRequest(app: ServiceApp<ConfigDeps>) {
  app.openapi(approveChangeRequestRoute, async (c) => {
    const { deps, caller, target } = await openTarget(c);
    const { id } = c.req.valid('param');
    const { request } = await approveChange(deps, target, id, caller, c.req.valid('json').comment);
    const secretKeys = (await findSchema(deps.db, target.service))?.secretKeys ?? [];
    return c.json(presentChangeRequest(request, [], secretKeys), 200);
  });

  app.openapi(rejectChangeRequestRoute, async (c) => {
    const { deps, caller, target } = await openTarget(c);
    const { id } = c.req.valid('param');
    const request = await rejectChange(deps, target, id, caller, c.req.valid('json').comment);
    const secretKeys = (await findSchema(deps.db, target.service))?.secretKeys ?? [];
    return c.json(presentChangeRequest(request, [], secretKeys), 200);
  });
}
