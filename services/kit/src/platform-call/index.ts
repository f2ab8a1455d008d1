export * from './backoff.ts';
export * from './caller.ts';
export * from './failure.ts';
export * from './scope.ts';
