export * from './access.ts';
export * from './caller.ts';
export * from './from-env.ts';
export * from './identify.ts';
export * from './roles.ts';
export * from './service-keys.ts';
export * from './user-tokens.ts';
