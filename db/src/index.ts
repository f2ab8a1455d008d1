export * from './client.ts';
export * from './errors.ts';
export * from './idempotency.ts';
export * from './ids.ts';
export * from './migrate.ts';
export * from './outbox.ts';
export * as schema from './schema/index.ts';
