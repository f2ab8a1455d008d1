import { runOnNode } from '@trellis/kit/node';
import { bootstrapUsers } from './bootstrap.ts';
import { usersEnvSchema } from './env.ts';

await runOnNode({ name: 'users', envSchema: usersEnvSchema, bootstrap: bootstrapUsers });
