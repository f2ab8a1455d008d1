export * from './run-node.ts';
export * from './serve-node.ts';
