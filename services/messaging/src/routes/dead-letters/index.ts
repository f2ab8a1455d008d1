import { createRouter } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { registerDeadLetterActions } from './actions.ts';
import { registerGetDeadLetter } from './get.ts';
import { registerListDeadLetters } from './list.ts';
import { registerReplayDeadLetters } from './replay-many.ts';

export function createDeadLettersRouter() {
  const router = createRouter<MessagingDeps>();
  // The literal `/replay` before `/{id}`: Hono matches in registration order.
  registerReplayDeadLetters(router);
  registerListDeadLetters(router);
  registerGetDeadLetter(router);
  registerDeadLetterActions(router);
  return router;
}
