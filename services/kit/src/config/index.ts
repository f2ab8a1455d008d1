export * from './client.ts';
export * from './define.ts';
export * from './event-stream.ts';
export type { ConfigSnapshot } from './snapshot.ts';
