import { ApiError } from '@trellis/kit';

/** A failed call to a service, as its problem+json said, or as the transport saw it. */
export interface Problem {
  /** The HTTP status; 503 also when the service could not be reached at all. */
  status: number;
  title: string;
  detail: string;
  errors: { path: string; message: string }[];
  /** Extension members, such as `currentStatus` of a refused transition. */
  extensions: Record<string, unknown>;
}

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: Problem };

interface Reply<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function problemFrom(status: number, body: unknown): Problem {
  const record = isRecord(body) ? body : {};
  const { type: _type, title, detail, errors, status: _status, ...extensions } = record;
  return {
    status,
    title: typeof title === 'string' ? title : `HTTP ${status}`,
    detail: typeof detail === 'string' ? detail : 'The service refused the request.',
    errors: Array.isArray(errors)
      ? errors.filter(isRecord).map((error) => ({
          path: String(error.path ?? ''),
          message: String(error.message ?? 'is invalid'),
        }))
      : [],
    extensions,
  };
}

/** Awaits a typed-client call and turns every way it can fail into a Problem. */
export async function outcomeOf<T>(call: Promise<Reply<T>>): Promise<Outcome<T>> {
  try {
    const reply = await call;
    if (reply.response.ok && reply.data !== undefined) {
      return { ok: true, data: reply.data };
    }
    if (reply.response.status === 204) {
      return { ok: true, data: undefined as T };
    }
    return { ok: false, problem: problemFrom(reply.response.status, reply.error) };
  } catch (error) {
    if (error instanceof ApiError) {
      return {
        ok: false,
        problem: {
          status: error.status,
          title: 'Unavailable',
          detail: error.detail,
          errors: [],
          extensions: {},
        },
      };
    }
    throw error;
  }
}

/** The first message for each field path, for showing beside the form fields. */
export function fieldErrorsOf(
  problem: Problem,
  rename: (path: string) => string = (path) => path,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of problem.errors) {
    const field = rename(error.path);
    if (field && !(field in fields)) {
      fields[field] = error.message;
    }
  }
  return fields;
}
