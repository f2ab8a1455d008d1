import 'server-only';
import { createClient, type ServiceClient, type ServiceName } from '@trellis/client';
import { adminConfig } from './config';
import type { Session } from './session-token';

const clients = new Map<ServiceName, ServiceClient<ServiceName>>();

/** The typed client of one service, at its configured URL; only the server ever calls them. */
export function serviceClient<S extends ServiceName>(name: S): ServiceClient<S> {
  let client = clients.get(name);
  if (!client) {
    client = createClient(name, { baseUrl: adminConfig().serviceUrls[name], timeoutMs: 3000 });
    clients.set(name, client);
  }
  return client as ServiceClient<S>;
}

export function serviceUrl(name: ServiceName): string {
  return adminConfig().serviceUrls[name];
}

/** Who a data function or action calls as: the signed-in operator or admin. */
export type Caller = Pick<Session, 'accessToken'>;

/**
 * The header of every call the console makes for the signed-in operator or admin: each service
 * decides from the users service's access token what they may read and change.
 */
export function asOperator(caller: Caller): { authorization: string } {
  return { authorization: `Bearer ${caller.accessToken}` };
}

/** The header the services' `/metrics` and `/resilience` ask for, when the console holds one. */
export function asMetricsReader(): Record<string, string> {
  const token = adminConfig().metricsToken;
  return token ? { authorization: `Bearer ${token}` } : {};
}
