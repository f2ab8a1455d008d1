import type { MatrixCaller } from './callers.ts';
import type { ContractOperation } from './contracts.ts';
import type { FixtureContext, Plan } from './fixtures/index.ts';
import type { SetupCaller } from './fixtures/types.ts';
import type { MatrixPlatform, Person } from './platform.ts';

/** What one call answered. */
export interface Answer {
  status: number;
  headers: Headers;
  contentType: string;
  body: Record<string, unknown>;
  text: string;
}

/** A generous deadline: the machine is shared, and a refusal must come long before it. */
const deadlineMs = 20_000;

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(deadlineMs),
  });
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('event-stream')) {
    // A watch that let us in streams until we leave; its status and type are the answer.
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, contentType, body: {}, text: '' };
  }
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  if (contentType.includes('json') && text) {
    parsed = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: res.status, headers: res.headers, contentType, body: parsed, text };
}

function withQuery(path: string, query: Record<string, string> | undefined): string {
  const search = new URLSearchParams(query ?? {}).toString();
  return search ? `${path}?${search}` : path;
}

export function filledPath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`the fixture gives no value for {${name}} of ${template}`);
    }
    return encodeURIComponent(value);
  });
}

/** The person a user caller is, given the plan (whose target may have an owner of its own). */
export function personOf(platform: MatrixPlatform, caller: MatrixCaller, plan: Plan): Person {
  if (caller.kind !== 'user') {
    throw new Error('not a user');
  }
  return caller.person === 'owner' && plan.owner ? plan.owner : platform.people[caller.person];
}

async function callerHeaders(
  platform: MatrixPlatform,
  caller: MatrixCaller,
  plan: Plan,
  service: string,
): Promise<Record<string, string>> {
  if (caller.kind === 'user') {
    return platform.identity.asUser(personOf(platform, caller, plan));
  }
  return platform.headersFor(caller, service);
}

/** `orders:write` → `orders:read` and back: a scope of the same service, not the one needed. */
function otherScope(scope: string): string {
  return scope.endsWith(':read')
    ? scope.replace(/:read$/, ':write')
    : scope.replace(/:write$/, ':read');
}

/** The consumer's API key for a call through the gateway (none elsewhere, or when refused one). */
function apiKeyHeader(
  platform: MatrixPlatform,
  operation: ContractOperation,
  caller: MatrixCaller,
): Record<string, string> {
  const scope = operation.apiKeyScope;
  if (operation.service !== 'gateway' || !scope || caller.kind === 'no-api-key') {
    return {};
  }
  const key = platform.apiKeys[caller.kind === 'api-key-without-scope' ? otherScope(scope) : scope];
  if (!key) {
    throw new Error(`no API key for ${scope}`);
  }
  return { 'x-api-key': key };
}

/** Calls the operation as `caller` with the request its fixture planned. */
export async function callOperation(
  platform: MatrixPlatform,
  operation: ContractOperation,
  caller: MatrixCaller,
  plan: Plan,
): Promise<Answer> {
  const base = platform.urls[operation.service];
  const url = `${base}${withQuery(filledPath(operation.path, plan.path), plan.query)}`;
  const headers = {
    ...(plan.headers ?? {}),
    ...apiKeyHeader(platform, operation, caller),
    ...(await callerHeaders(platform, caller, plan, operation.service)),
  };
  return send(url, operation.method, headers, plan.body);
}

function setupHeaders(platform: MatrixPlatform, as: SetupCaller, service: string) {
  if (as === 'anonymous') {
    return {};
  }
  if (typeof as === 'object') {
    return platform.identity.asService(as.service, service);
  }
  return platform.identity.asUser(platform.people[as]);
}

/** What fixtures prepare their requests with, on `platform`. */
export function fixtureContext(platform: MatrixPlatform): FixtureContext {
  let count = 0;
  const unique = (label: string) => {
    count += 1;
    return `${label}-${count}-${crypto.randomUUID().slice(0, 6)}`;
  };
  const setup: FixtureContext['setup'] = async (service, method, path, options = {}) => {
    const as = options.as ?? 'admin';
    const url = `${platform.urls[service]}${withQuery(path, options.query)}`;
    const headers = { ...(options.headers ?? {}), ...(await setupHeaders(platform, as, service)) };
    let answer = await send(url, method, headers, options.body);
    for (let retries = 3; answer.status === 429 && retries > 0; retries -= 1) {
      // Preparing a request is no test of flow limits: wait as told and go on.
      const seconds = Number(answer.headers.get('retry-after')) || 1;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      answer = await send(url, method, headers, options.body);
    }
    const ok = answer.status >= 200 && answer.status < 300;
    if (!ok && !options.accept?.includes(answer.status)) {
      const who = typeof as === 'object' ? `service ${as.service}` : as;
      throw new Error(
        `setup failed: ${method} ${service} ${path} as ${who} answered ${answer.status}: ${answer.text.slice(0, 500)}`,
      );
    }
    return answer.body as never;
  };
  return {
    people: platform.people,
    db: platform.db,
    unique,
    setup,
    async freshMember() {
      const email = `${unique('member')}@matrix.example`;
      const password = 'a fresh member passphrase';
      const created = await setup<{ id: string }>('users', 'POST', '/v1/users', {
        body: { email, name: 'Fresh Member', password },
      });
      return { id: created.id, email, password, roles: ['member'] };
    },
  };
}
