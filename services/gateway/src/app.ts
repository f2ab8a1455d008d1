import type { AppOptions } from '@trellis/kit';
import type { GatewayDeps } from './deps.ts';
import { gatewayService } from './service.ts';

export type GatewayAppOptions = AppOptions<GatewayDeps>;

/** The gateway service, runtime-agnostic: Node and Deno entries both serve this app. */
export const createGatewayApp = (options: GatewayAppOptions) => gatewayService.createApp(options);
