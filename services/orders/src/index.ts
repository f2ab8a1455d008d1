export { createOrdersApp } from './app.ts';
export { type OrdersConfig, ordersConfig } from './config.ts';
export type { OrdersDeps } from './deps.ts';
export { IllegalTransition, nextStatus, type OrderAction, priceLines } from './domain.ts';
export * from './routes/orders/schema.ts';
