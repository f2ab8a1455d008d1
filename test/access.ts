/** Who may call an operation, as the kit documents it in the contract (`x-trellis-access`). */
export interface DocumentedAccess {
  public?: true;
  role?: string;
  owner?: true;
  services?: string[];
  anyService?: true;
  metrics?: true;
}

/** Someone an operation's access lets in. */
export type AllowedCaller =
  | { as: 'service'; service: string }
  | { as: 'metrics' }
  | { as: 'staff' };

/**
 * Whom to call an operation as so that its access lets the call in and its input is what is
 * judged: staff (an admin, or an operator where that is the most a harness has) wherever a
 * user may call, since every public, role and owner route admits them and they may do the
 * most; a listed service (any, for a route open to every service) where no user may; the
 * metrics token where only it may.
 */
export function allowedCaller(
  access: DocumentedAccess | undefined,
  anyService = 'orders',
): AllowedCaller {
  if (!access || access.public || access.role || access.owner) {
    return { as: 'staff' };
  }
  const service = access.services?.[0] ?? (access.anyService ? anyService : undefined);
  if (service) {
    return { as: 'service', service };
  }
  return access.metrics ? { as: 'metrics' } : { as: 'staff' };
}

/**
 * Whether an answer is the kit's access guard refusing the caller, rather than the operation
 * judging the request: credentials that did not verify, none where some are needed, or a
 * caller the declared access does not name. (An operation may answer 401 or 403 itself, for a
 * wrong password or another's resource; those are answers to the input.)
 */
export function refusedByGuard(status: number, problem: { detail?: string }, challenge: string) {
  if (status === 401) {
    return (
      challenge.includes('invalid_token') || /^This needs credentials/.test(problem.detail ?? '')
    );
  }
  return status === 403 && / may do this\.$|^Nobody may call this\.$/.test(problem.detail ?? '');
}
