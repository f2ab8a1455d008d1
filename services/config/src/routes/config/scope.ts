import type { PlatformIdentity } from '@trellis/kit';
import { NamespaceNotFound } from '../../config/domain.ts';
import type { NamespaceRow, Target } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';

/** Every config route takes a service token or a user's access token. */
export { bearerSecurity } from '@trellis/kit';

export function authenticate(
  deps: ConfigDeps,
  authorization: string | undefined,
): Promise<PlatformIdentity> {
  return deps.identify(authorization);
}

/** The parts of a config route's context `openTarget` reads. */
interface TargetRequest {
  get(key: 'deps'): ConfigDeps;
  req: { header(name: 'authorization'): string | undefined; valid(target: 'param'): Target };
}

/**
 * What every route on a namespace × service starts with: the caller authenticated (and put
 * through `check`, before anything is looked up), then the target resolved from the path.
 */
export async function openTarget(
  c: TargetRequest,
  check?: (identity: PlatformIdentity) => void,
): Promise<{
  deps: ConfigDeps;
  identity: PlatformIdentity;
  target: Target;
  namespace: NamespaceRow;
}> {
  const deps = c.get('deps');
  const identity = await authenticate(deps, c.req.header('authorization'));
  check?.(identity);
  return { deps, identity, ...(await resolveTarget(deps, c.req.valid('param'))) };
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
