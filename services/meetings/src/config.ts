import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { meetingsResilienceDefaults } from './resilience.ts';

/** The meetings service's live config, edited in the config center and applied without a restart. */
export const meetingsConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(meetingsResilienceDefaults),
    maxMeetingMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440)
      .default(480)
      .describe('Longest meeting that may be booked; longer is refused with 422 naming endsAt.'),
  }),
);

export type MeetingsConfig = z.output<typeof meetingsConfig.schema>;
