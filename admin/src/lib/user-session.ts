import 'server-only';
import { createHash } from 'node:crypto';
import { adminConfig } from './config';
import { type Outcome, outcomeOf, type Problem, problemFrom } from './problem';
import { serviceClient } from './services';
import { type Issued, type Session, sessionFrom } from './session-token';

/**
 * The browser's User-Agent, passed on so that users' audit trail says which browser it was; the
 * address users records is the console's own, as users believes only the connection.
 */
export type Browser = { userAgent?: string | null | undefined };

function asBrowser({ userAgent }: Browser): Record<string, string> {
  return userAgent ? { 'user-agent': userAgent.slice(0, 512) } : {};
}

/** Signs in at users; the session lasts at most the console's configured session time. */
export async function signInAtUsers(
  email: string,
  password: string,
  browser: Browser = {},
): Promise<Outcome<Issued>> {
  const answer = await outcomeOf(
    serviceClient('users').POST('/v1/sessions', {
      headers: asBrowser(browser),
      body: { email, password },
    }),
  );
  if (!answer.ok) {
    return answer;
  }
  const endsBy = Math.floor(Date.now() / 1000) + adminConfig().sessionTtlSeconds;
  const issued = sessionFrom(answer.data, endsBy);
  if (!issued.ok) {
    // A member has no use for the session users opened: it is closed again at once.
    await revokeAtUsers(answer.data.refreshToken, browser);
  }
  return { ok: true, data: issued };
}

export type Renewal =
  | { outcome: 'renewed'; session: Session }
  /** Users refused (suspended, revoked, reused) or the user lost every console role. */
  | { outcome: 'ended'; reason: string }
  /** Users could not answer; the current access token may still be good for a while. */
  | { outcome: 'unavailable'; problem: Problem };

interface Memory {
  /** Renewals by refresh-token hash, so concurrent requests with one cookie renew it once. */
  renewals: Map<string, { result: Promise<Renewal>; keepUntil: number }>;
  /** Signed-out or ended refresh families (`sid`), until their access tokens have expired. */
  ended: Map<string, number>;
}

// On globalThis: the proxy and the server actions are bundled apart but run in one process.
const memoryKey = Symbol.for('trellis.admin.user-sessions');
const shared = globalThis as typeof globalThis & { [memoryKey]?: Memory };

function memory(): Memory {
  shared[memoryKey] ??= { renewals: new Map(), ended: new Map() };
  return shared[memoryKey];
}

const rememberEndedSeconds = 3600;

function nowSeconds(): number {
  return Date.now() / 1000;
}

function sweep({ renewals, ended }: Memory): void {
  const now = nowSeconds();
  for (const [key, entry] of renewals) {
    if (entry.keepUntil < now) {
      renewals.delete(key);
    }
  }
  for (const [sessionId, until] of ended) {
    if (until < now) {
      ended.delete(sessionId);
    }
  }
}

/**
 * Remembers that a refresh family ended, so its cookies stop working at once rather than when
 * their access tokens expire. Another cookie of the family may hold a token issued later than
 * this one's, so the family is remembered an hour past this token (access tokens live 15 min).
 */
function rememberEnded(session: Pick<Session, 'sessionId' | 'accessExpiresAt'>): void {
  if (session.sessionId) {
    const { ended } = memory();
    const until = Math.max(session.accessExpiresAt, nowSeconds()) + rememberEndedSeconds;
    ended.set(session.sessionId, Math.max(ended.get(session.sessionId) ?? 0, until));
  }
}

/**
 * Whether this session was signed out or ended here: a cookie saved before sign-out still holds
 * an access token that services accept until it expires, so the console refuses it itself.
 */
export function hasEnded(session: Pick<Session, 'sessionId'>): boolean {
  sweep(memory());
  return session.sessionId !== '' && memory().ended.has(session.sessionId);
}

async function askRefresh(session: Session, browser: Browser): Promise<Renewal> {
  const answer = await outcomeOf(
    serviceClient('users').POST('/v1/sessions/refresh', {
      headers: asBrowser(browser),
      body: { refreshToken: session.refreshToken },
    }),
  ).catch((error: unknown) => ({
    ok: false as const,
    problem: problemFrom(503, { detail: String(error) }),
  }));
  if (!answer.ok) {
    const { status, detail } = answer.problem;
    if (status === 400 || status === 401 || status === 403) {
      rememberEnded(session);
      return { outcome: 'ended', reason: detail };
    }
    return { outcome: 'unavailable', problem: answer.problem };
  }
  const issued = sessionFrom(answer.data, session.expiresAt);
  if (!issued.ok) {
    rememberEnded(session);
    return { outcome: 'ended', reason: 'You no longer hold the operator or admin role.' };
  }
  return { outcome: 'renewed', session: issued.session };
}

/**
 * Renews the session's access token at users, which rotates the refresh token and checks the
 * user again. Requests that arrive together with one cookie share one renewal, and a request
 * that arrives later with the old cookie gets the same answer: presenting a spent refresh token
 * again would make users revoke the whole family.
 */
export function renewSession(session: Session, browser: Browser = {}): Promise<Renewal> {
  const state = memory();
  sweep(state);
  const key = createHash('sha256').update(session.refreshToken).digest('base64url');
  const known = state.renewals.get(key);
  if (known) {
    return known.result;
  }
  const result = askRefresh(session, browser);
  // Kept while a request with the old cookie may still come; an unavailable users is asked again.
  const entry = { result, keepUntil: session.expiresAt };
  state.renewals.set(key, entry);
  void result.then((renewal) => {
    if (renewal.outcome === 'unavailable') {
      state.renewals.delete(key);
    } else {
      // The ended family is remembered on its own (`ended`); a minute covers stragglers.
      entry.keepUntil =
        renewal.outcome === 'renewed' ? renewal.session.accessExpiresAt : nowSeconds() + 60;
    }
  });
  return result;
}

function revokeAtUsers(refreshToken: string, browser: Browser): Promise<Outcome<unknown>> {
  return outcomeOf(
    serviceClient('users').POST('/v1/sessions/sign-out', {
      headers: asBrowser(browser),
      body: { refreshToken },
    }),
  );
}

/**
 * Signs out at users, which revokes the refresh family; the console also refuses the family's
 * cookies from now on, since their access tokens stay valid at the services until they expire.
 */
export function signOutAtUsers(session: Session, browser: Browser = {}): Promise<Outcome<unknown>> {
  rememberEnded(session);
  return revokeAtUsers(session.refreshToken, browser);
}
