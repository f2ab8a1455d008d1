import {
  createRoute,
  describeCaller,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
} from '@trellis/kit';
import { replayDeadLetters } from '../../dead-letters.ts';
import type { MessagingDeps } from '../../deps.ts';
import { presentDeadLetter } from './present.ts';
import { ReplayDeadLettersSchema, ReplayedDeadLettersSchema } from './schema.ts';

export const replayDeadLettersRoute = createRoute({
  method: 'post',
  path: '/v1/dead-letters/replay',
  operationId: 'deadletters.replayMany',
  tags: ['dead-letters'],
  summary: 'Replay the dead letters a filter finds, oldest first, each with its event id',
  access: { role: 'admin' },
  request: { body: jsonBody(ReplayDeadLettersSchema) },
  responses: {
    200: jsonResponse(ReplayedDeadLettersSchema, 'What was replayed.'),
    ...errorResponses(),
  },
});

export function registerReplayDeadLetters(app: ServiceApp<MessagingDeps>) {
  app.openapi(replayDeadLettersRoute, async (c) => {
    const { limit, createdFrom, createdTo, ...filter } = c.req.valid('json');
    const rows = await replayDeadLetters(
      c.get('deps'),
      {
        ...filter,
        ...(createdFrom ? { createdFrom: new Date(createdFrom) } : {}),
        ...(createdTo ? { createdTo: new Date(createdTo) } : {}),
      },
      limit,
      describeCaller(c.get('caller')),
    );
    return c.json({ replayed: rows.length, items: rows.map(presentDeadLetter) }, 200);
  });
}
