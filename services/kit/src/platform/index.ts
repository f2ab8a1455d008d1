export * from './connect.ts';
export * from './env.ts';
export * from './live-config.ts';
