import { runOnNode } from '@trellis/kit/node';
import { bootstrapConfig } from './bootstrap.ts';
import { configEnvSchema } from './env.ts';

await runOnNode({ name: 'config', envSchema: configEnvSchema, bootstrap: bootstrapConfig });
