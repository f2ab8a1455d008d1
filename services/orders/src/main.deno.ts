// Deno entry: the same app as main.ts, served by Deno.serve.
import { runOnDeno } from '@trellis/kit/deno';
import { bootstrapOrders } from './bootstrap.ts';
import { ordersEnvSchema } from './env.ts';

await runOnDeno({ name: 'orders', envSchema: ordersEnvSchema, bootstrap: bootstrapOrders });
