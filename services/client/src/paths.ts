import type { paths as ConfigPaths } from './generated/config.ts';
import type { paths as GatewayPaths } from './generated/gateway.ts';
import type { paths as MeetingsPaths } from './generated/meetings.ts';
import type { paths as MessagingPaths } from './generated/messaging.ts';
import type { paths as OrdersPaths } from './generated/orders.ts';
import type { paths as UsersPaths } from './generated/users.ts';

/** The generated path types of each service, keyed by service name. */
export interface ServicePaths {
  gateway: GatewayPaths;
  users: UsersPaths;
  orders: OrdersPaths;
  meetings: MeetingsPaths;
  config: ConfigPaths;
  messaging: MessagingPaths;
}
