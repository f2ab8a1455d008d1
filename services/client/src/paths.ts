import type { paths as UsersPaths } from './generated/users.ts';

/** The generated path types of each service, keyed by service name. */
export interface ServicePaths {
  users: UsersPaths;
}
