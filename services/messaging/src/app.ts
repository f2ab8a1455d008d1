import type { AppOptions } from '@trellis/kit';
import type { MessagingDeps } from './deps.ts';
import { messagingService } from './service.ts';

export type MessagingAppOptions = AppOptions<MessagingDeps>;

/** The messaging service, runtime-agnostic: Node and Deno entries both serve this app. */
export const createMessagingApp = (options: MessagingAppOptions) =>
  messagingService.createApp(options);
