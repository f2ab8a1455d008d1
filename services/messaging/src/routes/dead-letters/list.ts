import { idCursor, listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { listDeadLetters } from '../../repository.ts';
import { presentDeadLetter } from './present.ts';
import { DeadLetterPageSchema, ListDeadLettersQuerySchema } from './schema.ts';

export const listDeadLettersRoute = listRoute({
  operationId: 'deadletters.list',
  path: '/v1/dead-letters',
  tags: ['dead-letters'],
  summary: 'Events a subscription gave up on, newest first, by subscription, topic and status',
  access: { role: 'operator' },
  request: { query: ListDeadLettersQuerySchema },
  page: { schema: DeadLetterPageSchema, description: 'One page of dead letters.' },
});

export function registerListDeadLetters(app: ServiceApp<MessagingDeps>) {
  registerList(app, listDeadLettersRoute, {
    cursor: idCursor,
    rows: ({ db }, query) => listDeadLetters(db, query),
    present: presentDeadLetter,
  });
}
