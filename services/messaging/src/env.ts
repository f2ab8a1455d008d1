import { decodeEncryptionKey, serviceEnvSchema, z } from '@trellis/kit';

/**
 * What the runtime-agnostic app reads. `REDIS_URL` is the platform's (optional there): without
 * it (the Deno entry may run so) the service serves its reads from Postgres and answers 503
 * where a queue is needed.
 */
export const messagingEnvSchema = serviceEnvSchema(4120, {});

/** The Node entry's: the relay and the push workers run on BullMQ, so Redis is required. */
export const messagingNodeEnvSchema = serviceEnvSchema(4120, {
  /** Seals webhook endpoints' signing secrets in Postgres; only messaging holds it. */
  WEBHOOK_ENCRYPTION_KEY: z
    .string()
    .refine((value) => decodeEncryptionKey(value) !== undefined, 'must be 32 bytes in base64'),
}).superRefine((env, ctx) => {
  if (!env.REDIS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: 'is required: the relay and the subscriptions run on Redis (redis://host:6379)',
    });
  }
});

export type MessagingEnv = z.infer<typeof messagingEnvSchema>;
