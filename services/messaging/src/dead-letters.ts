import { ApiError, fieldErrorsFrom, IllegalStatusTransition, type Topic } from '@trellis/kit';
import type { EventEnvelope } from '@trellis/kit/messaging';
import type { MessagingDeps, SubscriptionQueues } from './deps.ts';
import {
  type DeadLetterFilter,
  type DeadLetterRow,
  findDeadLetter,
  findOutboxEvent,
  findSubscription,
  insertAudit,
  insertTrace,
  lockDeadLetters,
  type Queryable,
  resolveDeadLetter,
} from './repository.ts';

export class DeadLetterNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No dead letter ${id}.` });
  }
}

export class QueuesUnavailable extends ApiError {
  constructor() {
    super('dependency_unavailable', {
      detail: 'The subscription queues are not reachable: this instance runs without Redis.',
    });
  }
}

/** An edited payload its topic's schema refuses: a 400 naming the fields under `payload`. */
export class EditedPayloadInvalid extends ApiError {
  constructor(topic: string, errors: ReturnType<typeof fieldErrorsFrom>) {
    super('bad_request', {
      detail: `The payload does not match the schema of ${topic}.`,
      errors: errors.map((error) => ({
        in: 'body',
        path: error.path ? `payload.${error.path}` : 'payload',
        message: error.message,
      })),
    });
  }
}

type Actor = string;
type Deps = Pick<MessagingDeps, 'db' | 'now' | 'queues' | 'topics'>;

function queuesOf(deps: Deps): SubscriptionQueues {
  if (deps.queues === undefined) {
    throw new QueuesUnavailable();
  }
  return deps.queues;
}

/** The queue a subscription's jobs go to: its row's, or the hash-tagged name if the row is gone. */
async function queueOfSubscription(db: Queryable, subscription: string): Promise<string> {
  const row = await findSubscription(db, subscription);
  return row?.queue ?? `{${subscription}}`;
}

/** The envelope the consumer first got, rebuilt: the same event id, so idempotency holds. */
async function envelopeOf(
  db: Queryable,
  letter: DeadLetterRow,
  replayedBy: Actor,
): Promise<EventEnvelope> {
  const committed = await findOutboxEvent(db, letter.eventId);
  return {
    id: letter.eventId,
    topic: letter.topic,
    version: letter.topicVersion,
    key: letter.key ?? '',
    payload: letter.payload,
    headers: letter.headers,
    occurredAt: (committed?.occurredAt ?? letter.createdAt).toISOString(),
    seq: committed?.seq ?? 0,
    replayedBy,
  };
}

/**
 * Puts one locked, still dead letter back on its subscription's queue and records it. The job is
 * added before the transaction commits: if the commit then fails, the event is handled once
 * anyway (the consumer is idempotent by event id) and the letter stays `dead` to replay again.
 */
async function replayLocked(
  tx: Queryable,
  deps: Deps,
  letter: DeadLetterRow,
  actor: Actor,
  action: string,
  edited?: Record<string, unknown>,
): Promise<DeadLetterRow> {
  const queues = queuesOf(deps);
  const at = deps.now();
  const replayed = await resolveDeadLetter(tx, letter.id, {
    status: 'replayed',
    actor,
    at,
    ...(edited ? { payload: edited } : {}),
  });
  await insertTrace(tx, [
    {
      eventId: letter.eventId,
      topic: letter.topic,
      key: letter.key,
      subscription: letter.subscription,
      stage: 'replayed',
      at,
      actor,
    },
  ]);
  await insertAudit(tx, {
    actor,
    action,
    target: letter.id,
    detail: { eventId: letter.eventId, subscription: letter.subscription },
    at,
  });
  const queue = await queueOfSubscription(tx, letter.subscription);
  await queues.add(queue, await envelopeOf(tx, replayed, actor));
  return replayed;
}

async function lockDead(tx: Queryable, id: string, action: string): Promise<DeadLetterRow> {
  const letter = await findDeadLetter(tx, id, { lock: true });
  if (letter === undefined) {
    throw new DeadLetterNotFound(id);
  }
  if (letter.status !== 'dead') {
    throw new IllegalStatusTransition('a dead letter', letter.status, action);
  }
  return letter;
}

export function replayDeadLetter(deps: Deps, id: string, actor: Actor): Promise<DeadLetterRow> {
  queuesOf(deps);
  return deps.db.transaction(async (tx) => {
    const letter = await lockDead(tx, id, 'replay');
    return replayLocked(tx, deps, letter, actor, 'dead_letter.replay');
  });
}

/** Replays the dead letters a filter finds, oldest first, up to `limit`; each audited. */
export function replayDeadLetters(
  deps: Deps,
  filter: DeadLetterFilter,
  limit: number,
  actor: Actor,
): Promise<DeadLetterRow[]> {
  queuesOf(deps);
  return deps.db.transaction(async (tx) => {
    const letters = await lockDeadLetters(tx, filter, limit);
    const replayed: DeadLetterRow[] = [];
    for (const letter of letters) {
      replayed.push(await replayLocked(tx, deps, letter, actor, 'dead_letter.replay'));
    }
    return replayed;
  });
}

function checkPayload(
  topics: readonly Topic[],
  topic: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const declared = topics.find((candidate) => candidate.name === topic);
  if (declared === undefined) {
    return payload;
  }
  const parsed = declared.schema.safeParse(payload);
  if (!parsed.success) {
    throw new EditedPayloadInvalid(topic, fieldErrorsFrom(parsed.error, undefined, payload));
  }
  // Send what the operator wrote, not the schema's output (defaults, transforms): the consumer
  // parses it again with the same schema.
  return payload;
}

/** Edit-and-resend: the new payload replaces the old one (trace `edited`), then a replay. */
export function resendDeadLetter(
  deps: Deps,
  id: string,
  payload: Record<string, unknown>,
  actor: Actor,
): Promise<DeadLetterRow> {
  queuesOf(deps);
  return deps.db.transaction(async (tx) => {
    const letter = await lockDead(tx, id, 'resend');
    const checked = checkPayload(deps.topics, letter.topic, payload);
    const at = deps.now();
    await insertTrace(tx, [
      {
        eventId: letter.eventId,
        topic: letter.topic,
        key: letter.key,
        subscription: letter.subscription,
        stage: 'edited',
        at,
        actor,
      },
    ]);
    return replayLocked(tx, deps, letter, actor, 'dead_letter.resend', checked);
  });
}

export function discardDeadLetter(deps: Deps, id: string, actor: Actor): Promise<DeadLetterRow> {
  return deps.db.transaction(async (tx) => {
    const letter = await lockDead(tx, id, 'discard');
    const at = deps.now();
    const discarded = await resolveDeadLetter(tx, id, { status: 'discarded', actor, at });
    await insertTrace(tx, [
      {
        eventId: letter.eventId,
        topic: letter.topic,
        key: letter.key,
        subscription: letter.subscription,
        stage: 'discarded',
        at,
        actor,
      },
    ]);
    await insertAudit(tx, {
      actor,
      action: 'dead_letter.discard',
      target: id,
      detail: { eventId: letter.eventId, subscription: letter.subscription },
      at,
    });
    return discarded;
  });
}
