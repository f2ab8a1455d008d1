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

/**
 * The header that makes a call on behalf of the signed-in operator: services that record who
 * acted (the config center) read the user from the users service's access token.
 */
export function asOperator(session: Pick<Session, 'accessToken'>): { authorization: string } {
  return { authorization: `Bearer ${session.accessToken}` };
}
