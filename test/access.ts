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
  | { as: 'anonymous' }
  | { as: 'service'; service: string }
  | { as: 'metrics' }
  | { as: 'staff' };

/**
 * Whom to call an operation as so that its access lets the call in and it reaches validation:
 * nobody for a public route, a listed service (or `anyService` for a route open to every
 * service) where no user may call, the metrics token where only it may, and otherwise staff (an
 * admin or an operator), whom every role and owner route admits.
 */
export function allowedCaller(
  access: DocumentedAccess | undefined,
  anyService = 'orders',
): AllowedCaller {
  if (!access || access.public) {
    return { as: 'anonymous' };
  }
  if (access.role || access.owner) {
    return { as: 'staff' };
  }
  const service = access.services?.[0] ?? (access.anyService ? anyService : undefined);
  if (service) {
    return { as: 'service', service };
  }
  return access.metrics ? { as: 'metrics' } : { as: 'staff' };
}
