import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { DeadLetterNotFound } from '../../dead-letters.ts';
import type { MessagingDeps } from '../../deps.ts';
import { findDeadLetter } from '../../repository.ts';
import { presentDeadLetterDetail } from './present.ts';
import { DeadLetterDetailSchema, DeadLetterParamsSchema } from './schema.ts';

export const getDeadLetterRoute = createRoute({
  method: 'get',
  path: '/v1/dead-letters/{id}',
  operationId: 'deadletters.get',
  tags: ['dead-letters'],
  summary: 'One dead letter: its payload, headers and every attempt’s error',
  access: { role: 'operator' },
  request: { params: DeadLetterParamsSchema },
  responses: {
    200: jsonResponse(DeadLetterDetailSchema, 'The dead letter.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetDeadLetter(app: ServiceApp<MessagingDeps>) {
  app.openapi(getDeadLetterRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findDeadLetter(c.get('deps').db, id);
    if (row === undefined) {
      throw new DeadLetterNotFound(id);
    }
    return c.json(presentDeadLetterDetail(row), 200);
  });
}
