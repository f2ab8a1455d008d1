import { runOnNode } from '@trellis/kit/node';
import { bootstrapOrders } from './bootstrap.ts';
import { ordersEnvSchema } from './env.ts';

await runOnNode({ name: 'orders', envSchema: ordersEnvSchema, bootstrap: bootstrapOrders });
