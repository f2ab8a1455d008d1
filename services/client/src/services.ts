/** Services with a published contract, and the port each listens on by default. */
export const defaultPorts = {
  gateway: 4000,
  users: 4101,
  orders: 4102,
  meetings: 4103,
  config: 4110,
  messaging: 4120,
} as const;

export type ServiceName = keyof typeof defaultPorts;
export const serviceNames = Object.keys(defaultPorts) as ServiceName[];
