import { runOnNode } from '@trellis/kit/node';
import { ordersService } from './service.ts';

await runOnNode(ordersService);
