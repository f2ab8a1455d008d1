import type { AppOptions } from '@trellis/kit';
import type { ConfigDeps } from './deps.ts';
import { configService } from './service.ts';

export type ConfigAppOptions = AppOptions<ConfigDeps>;

/** The config center and service registry, runtime-agnostic: Node and Deno entries serve it. */
export const createConfigApp = (options: ConfigAppOptions) => configService.createApp(options);
