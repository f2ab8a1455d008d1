import { runOnNode } from '@trellis/kit/node';
import { bootstrapMeetings } from './bootstrap.ts';
import { meetingsEnvSchema } from './env.ts';

await runOnNode({ name: 'meetings', envSchema: meetingsEnvSchema, bootstrap: bootstrapMeetings });
