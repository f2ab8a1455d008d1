export { createMessagingApp } from './app.ts';
export { type MessagingConfig, messagingConfig } from './config.ts';
export type { MessagingDeps, QueueCounts, SubscriptionQueues } from './deps.ts';
export * from './routes/dead-letters/schema.ts';
export * from './routes/subscriptions/schema.ts';
export * from './routes/topics/schema.ts';
export * from './routes/trace/schema.ts';
