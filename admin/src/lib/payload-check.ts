import { fromJSONSchema } from 'zod';

export type PayloadCheck =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; errors: { path: string; message: string }[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An edited payload, checked before it is sent: JSON, an object, and (when the topic's JSON
 * Schema is known) valid against it. The messaging service checks again against the topic's own
 * zod schema; this only spares the round trip and says where the edit is wrong.
 */
export function checkPayload(text: string, schema?: Record<string, unknown>): PayloadCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it does not parse';
    return { ok: false, errors: [{ path: '', message: `is not JSON: ${reason}` }] };
  }
  if (!isRecord(parsed)) {
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  }
  if (!schema) {
    return { ok: true, payload: parsed };
  }
  let validator: ReturnType<typeof fromJSONSchema>;
  try {
    validator = fromJSONSchema(schema as Parameters<typeof fromJSONSchema>[0]);
  } catch {
    // A schema this check cannot read is left to the service.
    return { ok: true, payload: parsed };
  }
  const result = validator.safeParse(parsed);
  if (result.success) {
    return { ok: true, payload: parsed };
  }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
