import {
  createRoute,
  describeCaller,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
  z,
} from '@trellis/kit';
import { discardDeadLetter, replayDeadLetter, resendDeadLetter } from '../../dead-letters.ts';
import type { MessagingDeps } from '../../deps.ts';
import { presentDeadLetterDetail } from './present.ts';
import {
  DeadLetterDetailSchema,
  DeadLetterParamsSchema,
  ResendDeadLetterSchema,
} from './schema.ts';

const conflict = {
  conflict: {
    currentStatus: z
      .string()
      .openapi({ description: 'The dead letter’s status.', example: 'replayed' }),
  },
};

export const replayDeadLetterRoute = createRoute({
  method: 'post',
  path: '/v1/dead-letters/{id}/replay',
  operationId: 'deadletters.replay',
  tags: ['dead-letters'],
  summary: 'Put a dead letter back on its subscription’s queue, with the same event id',
  description:
    'Answers 409 with `currentStatus` when it was already replayed or discarded, and 503 when ' +
    'the queues are not reachable.',
  access: { role: 'admin' },
  request: { params: DeadLetterParamsSchema },
  responses: {
    200: jsonResponse(DeadLetterDetailSchema, 'The dead letter, now `replayed`.'),
    ...errorResponses('not_found', conflict),
  },
});

export const resendDeadLetterRoute = createRoute({
  method: 'post',
  path: '/v1/dead-letters/{id}/resend',
  operationId: 'deadletters.resend',
  tags: ['dead-letters'],
  summary: 'Edit a dead letter’s payload, then replay it with the same event id',
  description:
    'The payload is checked against the topic’s schema when the topic is declared in code ' +
    '(a 400 names the fields under `payload`); the edit is in the trace as `edited`.',
  access: { role: 'admin' },
  request: { params: DeadLetterParamsSchema, body: jsonBody(ResendDeadLetterSchema) },
  responses: {
    200: jsonResponse(DeadLetterDetailSchema, 'The dead letter, edited and `replayed`.'),
    ...errorResponses('not_found', conflict),
  },
});

export const discardDeadLetterRoute = createRoute({
  method: 'post',
  path: '/v1/dead-letters/{id}/discard',
  operationId: 'deadletters.discard',
  tags: ['dead-letters'],
  summary: 'Give up on a dead letter for good',
  access: { role: 'admin' },
  request: { params: DeadLetterParamsSchema },
  responses: {
    200: jsonResponse(DeadLetterDetailSchema, 'The dead letter, now `discarded`.'),
    ...errorResponses('not_found', conflict),
  },
});

export function registerDeadLetterActions(app: ServiceApp<MessagingDeps>) {
  app.openapi(replayDeadLetterRoute, async (c) => {
    const row = await replayDeadLetter(
      c.get('deps'),
      c.req.valid('param').id,
      describeCaller(c.get('caller')),
    );
    return c.json(presentDeadLetterDetail(row), 200);
  });
  app.openapi(resendDeadLetterRoute, async (c) => {
    const row = await resendDeadLetter(
      c.get('deps'),
      c.req.valid('param').id,
      c.req.valid('json').payload,
      describeCaller(c.get('caller')),
    );
    return c.json(presentDeadLetterDetail(row), 200);
  });
  app.openapi(discardDeadLetterRoute, async (c) => {
    const row = await discardDeadLetter(
      c.get('deps'),
      c.req.valid('param').id,
      describeCaller(c.get('caller')),
    );
    return c.json(presentDeadLetterDetail(row), 200);
  });
}
