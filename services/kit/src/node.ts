export * from './node-fetch.ts';
export * from './run-node.ts';
export * from './serve-node.ts';
export * from './start-service.ts';
