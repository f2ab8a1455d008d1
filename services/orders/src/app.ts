import type { AppOptions } from '@trellis/kit';
import type { OrdersDeps } from './deps.ts';
import { ordersService } from './service.ts';

export type OrdersAppOptions = AppOptions<OrdersDeps>;

/** The orders service, runtime-agnostic: Node and Deno entries both serve this app. */
export const createOrdersApp = (options: OrdersAppOptions) => ordersService.createApp(options);
