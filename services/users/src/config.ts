import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { usersResilienceDefaults } from './resilience.ts';

/** The users service's live config, edited in the config center and applied without a restart. */
export const usersConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(usersResilienceDefaults),
    requireStrongPasswords: z
      .boolean()
      .default(false)
      .describe(
        'Refuse new passwords shorter than 12 characters or made only of letters (422 naming password).',
      ),
  }),
);

export type UsersConfig = z.output<typeof usersConfig.schema>;
