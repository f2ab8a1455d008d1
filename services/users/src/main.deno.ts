// Deno entry: the same app as main.ts, served by Deno.serve.
import { runOnDeno } from '@trellis/kit/deno';
import { bootstrapUsers } from './bootstrap.ts';
import { usersEnvSchema } from './env.ts';

await runOnDeno({ name: 'users', envSchema: usersEnvSchema, bootstrap: bootstrapUsers });
