// Deno entry: the same app as main.ts, served by Deno.serve.
import { runOnDeno } from '@trellis/kit/deno';
import { bootstrapMeetings } from './bootstrap.ts';
import { meetingsEnvSchema } from './env.ts';

await runOnDeno({ name: 'meetings', envSchema: meetingsEnvSchema, bootstrap: bootstrapMeetings });
