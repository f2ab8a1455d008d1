/**
 * An event as it travels from the outbox to a subscription: the job data of every
 * subscription queue, the same for every subscription of the topic. `id` is the outbox row's
 * id, kept through retries and replays, so consumers are idempotent by it.
 */
export interface EventEnvelope {
  id: string;
  topic: string;
  version: number;
  /** The ordering key (the aggregate's id unless the topic says otherwise). */
  key: string;
  payload: Record<string, unknown>;
  /** The W3C trace context and request id of the request that caused it. */
  headers: Record<string, string>;
  /** When the change was made (ISO 8601). */
  occurredAt: string;
  /** The outbox row's `seq`: commit order for one key. */
  seq: number;
  /** Set on a replay from the dead-letter queue: who asked for it. */
  replayedBy?: string;
}
