export { createConfigApp } from './app.ts';
export { type ConfigDeps, createConfigRuntime } from './deps.ts';
export * from './routes/config/schema.ts';
