export type { RegistryDeps } from './deps.ts';
export * from './domain.ts';
export * from './notifier.ts';
