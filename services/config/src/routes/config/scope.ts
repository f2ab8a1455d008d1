import type { Caller, Grant } from '@trellis/kit';
import { NamespaceNotFound } from '../../config/domain.ts';
import type { NamespaceRow, Target } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';

/** The parts of a config route's context `openTarget` reads. */
interface TargetRequest {
  get(key: 'deps'): ConfigDeps;
  get(key: 'caller'): Caller;
  get(key: 'grant'): Grant | undefined;
  req: { valid(target: 'param'): Target };
}

/**
 * What every route on a namespace × service starts with, once the kit let the caller in: who
 * is calling (verified), how they got in, and the target resolved from the path.
 */
export async function openTarget(c: TargetRequest): Promise<{
  deps: ConfigDeps;
  caller: Caller;
  grant: Grant | undefined;
  target: Target;
  namespace: NamespaceRow;
}> {
  const deps = c.get('deps');
  return {
    deps,
    caller: c.get('caller'),
    grant: c.get('grant'),
    ...(await resolveTarget(deps, c.req.valid('param'))),
  };
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
