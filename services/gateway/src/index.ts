export { createGatewayApp } from './app.ts';
export { type GatewayConfig, gatewayConfig } from './config.ts';
export type { GatewayDeps } from './deps.ts';
