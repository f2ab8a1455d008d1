export * from './config.ts';
export * from './idempotency.ts';
export * from './identity.ts';
export * from './meetings.ts';
export * from './orders.ts';
export * from './outbox.ts';
export * from './registry.ts';
export * from './users.ts';
