/** Services with a published contract, and the port each listens on by default. */
export const defaultPorts = {
  users: 4101,
} as const;

export type ServiceName = keyof typeof defaultPorts;
export const serviceNames = Object.keys(defaultPorts) as ServiceName[];
