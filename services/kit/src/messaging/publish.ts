import type { Executor } from '@trellis/db';
import { newId } from '@trellis/db/ids';
import { sql } from 'drizzle-orm';
import { ApiError } from '../errors.ts';
import { userTokenHeader } from '../identity/identify.ts';
import { propagationHeaders } from '../request-context.ts';
import { fieldErrorsFrom } from '../validation.ts';
import type { Topic, TopicPayload } from './topics.ts';

export interface PublishOptions {
  /** The ordering key; else the topic's `key(payload)`, else `aggregateId`. */
  key?: string;
  /** Not delivered to subscriptions before this time. */
  deliverAt?: Date;
  /** The aggregate's kind; the topic's first word (`order` of `order.paid`) when absent. */
  aggregateType?: string;
  /** The aggregate's id; the key when absent. */
  aggregateId?: string;
}

/**
 * Locks one key of `publish` for the rest of the transaction (two-int advisory locks, a space
 * apart from the relay's one-bigint lock). Why: `seq` is taken at insert, not at commit, so two
 * transactions publishing for one key could commit in the other order than their `seq`s; with
 * the lock the second waits for the first to end before it takes its `seq`, and the relay's
 * `seq` order is commit order for every key.
 */
const keyLockSpace = 0x7472_6c73; // 'trls'

/**
 * Publishes an event: validates `payload` against the topic's schema and writes its outbox row
 * in the caller's transaction, so the event exists if and only if the change commits (the
 * relay moves it to the topic's subscriptions after the commit). Returns the event's id.
 * A payload that does not fit the topic is a programming error: thrown, never written.
 */
export async function publish<T extends Topic>(
  tx: Executor,
  topic: T,
  payload: TopicPayload<T>,
  options: PublishOptions = {},
): Promise<string> {
  const parsed = topic.schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError('internal', {
      detail: `the payload of "${topic.name}" does not match its schema (version ${topic.version})`,
      errors: fieldErrorsFrom(parsed.error),
    });
  }
  if (options.deliverAt !== undefined && Number.isNaN(options.deliverAt.getTime())) {
    throw new ApiError('internal', { detail: `deliverAt of "${topic.name}" is not a valid date` });
  }
  const id = newId('event');
  const declaredKey = options.key ?? topic.key?.(parsed.data) ?? options.aggregateId;
  // Without any key the event orders with nothing else: its own id is its key.
  const key = declaredKey ?? id;
  const aggregateId = options.aggregateId ?? key;
  const aggregateType = options.aggregateType ?? topic.name.split('.')[0] ?? topic.name;
  const headers = eventHeaders();
  // The stored payload is the input the schema accepted: consumers parse it with the same
  // schema and get the same output (a transform's output need not parse again).
  const values = sql`${id}, ${aggregateType}, ${aggregateId}, ${topic.name},
    ${JSON.stringify(payload)}::jsonb, ${JSON.stringify(headers)}::jsonb, ${topic.version},
    ${key}, ${options.deliverAt?.toISOString() ?? null}::timestamptz`;
  const columns = sql`(id, aggregate_type, aggregate_id, event_type, payload, headers,
    topic_version, key, deliver_at)`;
  if (declaredKey === undefined) {
    await tx.execute(sql`insert into outbox ${columns} values (${values})`);
  } else {
    // One statement: the lock is taken before the row (and its seq) is made.
    await tx.execute(sql`insert into outbox ${columns}
      select ${values} from (select pg_advisory_xact_lock(${keyLockSpace}, hashtext(${key}))) l`);
  }
  return id;
}

/** The request's trace context and request id; never the user's token (the row outlives it). */
function eventHeaders(): Record<string, string> {
  const headers = propagationHeaders();
  delete headers[userTokenHeader];
  return headers;
}
