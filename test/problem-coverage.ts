import type { DocumentedAccess } from './access.ts';

/** The parts of an OpenAPI document the problem-coverage check reads. */
export interface OperationsDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: unknown;
        responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
        'x-trellis-access'?: DocumentedAccess;
      }
    >
  >;
}

/**
 * Any route can be sent malformed input or credentials that do not verify, be flow-limited,
 * fail, or be refused by a breaker.
 */
export const everyOperationStatuses = ['400', '401', '429', '500', '503'] as const;
/** A route that takes a body can be sent one too large or not as JSON. */
export const bodyOperationStatuses = ['413', '415'] as const;
/** A route not open to everyone refuses the callers its access does not admit. */
export const guardedOperationStatuses = ['403'] as const;

/** Whether anyone at all may call it, so nobody is ever refused with a 403. */
export function openToEveryone(access: DocumentedAccess | undefined): boolean {
  return access?.public === true && !access.role && !access.owner;
}

/**
 * Every `METHOD /path status` of the document whose problem answer is not documented as
 * application/problem+json: 400, 401, 429, 500 and 503 on every operation, 413 and 415 on
 * those with a request body, 403 on those not open to everyone.
 */
export function undocumentedProblems(document: OperationsDocument): string[] {
  const missing: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const statuses = [
        ...everyOperationStatuses,
        ...(operation.requestBody === undefined ? [] : bodyOperationStatuses),
        ...(openToEveryone(operation['x-trellis-access']) ? [] : guardedOperationStatuses),
      ];
      for (const status of statuses) {
        if (operation.responses[status]?.content?.['application/problem+json'] === undefined) {
          missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
  }
  return missing;
}
