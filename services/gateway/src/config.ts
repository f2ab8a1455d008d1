import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { gatewayResilienceDefaults } from './resilience.ts';

/** `https://app.example.com` or `http://localhost:5173`: a scheme, a host, maybe a port. */
const OriginSchema = z
  .string()
  .regex(
    /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
    'must be an origin: scheme, host and optional port, no path',
  );

/** The largest body any service takes; the gateway may only lower it. */
export const maxUpstreamBodyBytes = 1024 * 1024;

/** The gateway's live config, edited in the config center and applied without a restart. */
export const gatewayConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(gatewayResilienceDefaults),
    requireApiKey: z
      .boolean()
      .default(true)
      .describe(
        'Whether every call needs an API key in x-api-key. Off, calls without one go through ' +
          'with no scopes checked (a key that is sent is still verified).',
      ),
    apiKeyCacheSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(30)
      .describe(
        'How long a verified API key is trusted before users is asked again: a revoked key ' +
          'keeps working this long at most. 0 asks users on every call.',
      ),
    apiKeyRefusalCacheSeconds: z
      .number()
      .int()
      .min(0)
      .max(60)
      .default(5)
      .describe('How long an API key users refused is refused without asking again.'),
    cors: z
      .object({
        allowedOrigins: z
          .array(OriginSchema)
          .max(100)
          .default([])
          .describe('Browser origins allowed to call the API; none by default.'),
        maxAgeSeconds: z
          .number()
          .int()
          .min(0)
          .max(86_400)
          .default(600)
          .describe('How long a browser may reuse a preflight answer.'),
      })
      .prefault({})
      .describe('Cross-origin calls from browsers.'),
    maxBodyBytes: z
      .number()
      .int()
      .min(1)
      .max(maxUpstreamBodyBytes)
      .default(maxUpstreamBodyBytes)
      .describe('Largest request body forwarded; a bigger one is refused with 413.'),
  }),
);

export type GatewayConfig = z.output<typeof gatewayConfig.schema>;
