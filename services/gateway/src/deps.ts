import type { BaseDeps } from '@trellis/kit';
import type { GatewayConfig } from './config.ts';

/** What the routes are given: the database, the clock and the live config. */
export type GatewayDeps = BaseDeps<GatewayConfig>;
