import { configContract } from '../services/config/src/contract.ts';
import { meetingsContract } from '../services/meetings/src/contract.ts';
import { ordersContract } from '../services/orders/src/contract.ts';
import { usersContract } from '../services/users/src/contract.ts';

/** Every service whose OpenAPI document is published and turned into a typed client. */
export const contracts: Record<string, () => unknown> = {
  users: usersContract,
  orders: ordersContract,
  meetings: meetingsContract,
  config: configContract,
};
