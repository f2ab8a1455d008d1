// Node only: the relay and subscriptions run on BullMQ. Topics and `publish` are in the kit's
// main entry, which any runtime may import.
export * from './envelope.ts';
export * from './queues.ts';
export * from './relay.ts';
