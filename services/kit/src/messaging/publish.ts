// PROVISIONAL (msg-domains): a stand-in with the spec's signature until msg-core's publish
// lands; this commit is reverted before merging msg-core.
import { appendEvents, type Executor } from '@trellis/db';
import type { z } from 'zod';
import { userTokenHeader } from '../identity/identify.ts';
import { propagationHeaders } from '../request-context.ts';
import type { Topic } from './topics.ts';

export interface PublishOptions {
  key?: string;
  deliverAt?: Date;
  aggregateType?: string;
  aggregateId?: string;
}

export async function publish<Schema extends z.ZodType>(
  tx: Executor,
  topic: Topic<Schema>,
  payload: z.input<Schema>,
  options: PublishOptions = {},
): Promise<string> {
  const parsed = topic.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`a ${topic.name} payload does not match its schema: ${parsed.error.message}`);
  }
  const data = parsed.data as z.infer<Schema>;
  const key = options.key ?? topic.key?.(data) ?? options.aggregateId;
  if (!key) {
    throw new Error(`a ${topic.name} event needs a key`);
  }
  const { [userTokenHeader]: _token, ...headers } = propagationHeaders();
  const [id] = await appendEvents(tx, [
    {
      aggregateType: options.aggregateType ?? topic.name.split('.')[0] ?? topic.name,
      aggregateId: options.aggregateId ?? key,
      eventType: topic.name,
      payload: data as Record<string, unknown>,
      headers,
      key,
      topicVersion: topic.version,
      ...(options.deliverAt ? { deliverAt: options.deliverAt } : {}),
    },
  ]);
  return id as string;
}
