import { serviceEnvSchema, upstreamEnvShape, type z } from '@trellis/kit';

export const meetingsEnvSchema = serviceEnvSchema(4103, {
  ...upstreamEnvShape('users', 'http://127.0.0.1:4101'),
});

export type MeetingsEnv = z.infer<typeof meetingsEnvSchema>;
