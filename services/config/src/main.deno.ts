// Deno entry: the same app as main.ts, served by Deno.serve.
import { runOnDeno } from '@trellis/kit/deno';
import { bootstrapConfig } from './bootstrap.ts';
import { configEnvSchema } from './env.ts';

runOnDeno({ name: 'config', envSchema: configEnvSchema, bootstrap: bootstrapConfig });
