import { ApiError, type SecretCipher } from '@trellis/kit';
import type { StreamHub } from './streams/hub.ts';
import type { DeliveryQueue } from './webhooks/deps.ts';

function unavailable(what: string): ApiError {
  return new ApiError('dependency_unavailable', {
    detail: `${what} needs the messaging service's Node entry (Redis and its encryption key).`,
  });
}

/**
 * The push parts of the deps where the runtime has none (the Deno entry, the contract): the
 * routes are declared and documented, and what needs Redis or the webhook key answers 503. The
 * Deno entry replaces `streams` with a real hub: a live stream needs Postgres alone.
 */
export const pushUnavailable: {
  cipher: SecretCipher;
  deliveries: DeliveryQueue;
  streams: StreamHub;
} = {
  cipher: {
    seal: () => Promise.reject(unavailable('Sealing a webhook secret')),
    open: () => Promise.reject(unavailable('Opening a webhook secret')),
  },
  deliveries: {
    enqueue: () => Promise.reject(unavailable('Sending a webhook')),
  },
  streams: {
    watch: () => {
      throw unavailable('A live stream');
    },
    stop: async () => {},
  },
};
