/** What a JSON call answered, and how long it took. */
export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  ms: number;
}

/**
 * One HTTP call with an optional JSON body, bearer token and other headers (who it calls as),
 * the answer parsed when JSON.
 */
export async function call(
  base: string,
  method: string,
  route: string,
  options: { json?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const started = performance.now();
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const json = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : {};
  return { status: res.status, headers: res.headers, body: json as Record<string, unknown>, ms };
}
