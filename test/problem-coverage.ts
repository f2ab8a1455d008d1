/** The parts of an OpenAPI document the problem-coverage check reads. */
export interface OperationsDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: unknown;
        responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
      }
    >
  >;
}

/** Any route can be sent malformed input, be flow-limited, fail, or be refused by a breaker. */
export const everyOperationStatuses = ['400', '429', '500', '503'] as const;
/** A route that takes a body can be sent one too large or not as JSON. */
export const bodyOperationStatuses = ['413', '415'] as const;

/**
 * Every `METHOD /path status` of the document whose problem answer is not documented as
 * application/problem+json: 400, 429, 500 and 503 on every operation, 413 and 415 on those
 * with a request body.
 */
export function undocumentedProblems(document: OperationsDocument): string[] {
  const missing: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const statuses = [
        ...everyOperationStatuses,
        ...(operation.requestBody === undefined ? [] : bodyOperationStatuses),
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
