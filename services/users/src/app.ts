import type { AppOptions } from '@trellis/kit';
import type { UsersDeps } from './deps.ts';
import { usersService } from './service.ts';

export type UsersAppOptions = AppOptions<UsersDeps>;

/** The users service, runtime-agnostic: Node and Deno entries both serve this app. */
export const createUsersApp = (options: UsersAppOptions) => usersService.createApp(options);
