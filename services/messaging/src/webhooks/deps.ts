import type { Database } from '@trellis/db';
import type { LiveConfig, SecretCipher, Topic } from '@trellis/kit';
import type { StreamHub } from '../streams/hub.ts';
import type { WebhooksConfig } from './config.ts';
import type { ResolveHost } from './ssrf.ts';

/** Puts one attempt of a delivery on the `{webhooks}` queue after `delayMs`. */
export interface DeliveryQueue {
  enqueue(deliveryId: string, step: number, delayMs: number, tag?: string): Promise<void>;
}

/**
 * What the webhook and stream routes need of the messaging service's deps; its deps extend
 * this (see `createPushDeps` for the Node parts).
 */
export interface PushDeps {
  db: Database;
  now: () => Date;
  config: LiveConfig<{ webhooks: WebhooksConfig }>;
  /** Seals endpoints' signing secrets at rest. */
  cipher: SecretCipher;
  resolveHost: ResolveHost;
  /** The topics outside consumers may receive: what event-type filters are checked against. */
  pushTopics: readonly Topic[];
  deliveries: DeliveryQueue;
  streams: StreamHub;
}
