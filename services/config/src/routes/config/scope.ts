import type { PlatformIdentity } from '@trellis/kit';
import { NamespaceNotFound } from '../../config/domain.ts';
import type { NamespaceRow, Target } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';

/** Every config route takes a service token or a user's access token. */
export const bearerSecurity = [{ bearerAuth: [] }];

export function authenticate(
  deps: ConfigDeps,
  authorization: string | undefined,
): Promise<PlatformIdentity> {
  return deps.identify(authorization);
}

/** The namespace × service a route addresses; 404 when the namespace does not exist. */
export async function resolveTarget(
  deps: ConfigDeps,
  params: Target,
): Promise<{ target: Target; namespace: NamespaceRow }> {
  const namespace = await deps.namespace(params.namespace);
  if (!namespace) {
    throw new NamespaceNotFound(params.namespace);
  }
  return { target: { namespace: params.namespace, service: params.service }, namespace };
}
