export * from './circuit-breaker.ts';
export * from './clock.ts';
export * from './flow-rule.ts';
export * from './hot-param.ts';
export * from './resource.ts';
export * from './sliding-window.ts';
