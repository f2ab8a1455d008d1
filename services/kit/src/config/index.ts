export * from './client.ts';
export * from './define.ts';
export * from './event-stream.ts';
export * from './gray-rule.ts';
export type { ConfigSnapshot } from './snapshot.ts';
