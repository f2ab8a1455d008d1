import { randomBytes } from 'node:crypto';
import { type NextRequest, NextResponse } from 'next/server';
import { adminConfig } from '@/lib/config';
import { adminLogger } from '@/lib/logger';
import {
  isCrossSite,
  requestedPathHeader,
  servedOverHttps,
  serverActionHeader,
} from '@/lib/request-guard';
import { safeNextPath } from '@/lib/safe-next';
import {
  contentSecurityPolicy,
  fixedSecurityHeaders,
  strictTransportSecurity,
} from '@/lib/security-headers';
import {
  openSession,
  type Session,
  sealSession,
  sessionCookie,
  sessionCookieOptions,
} from '@/lib/session-token';
import { hasEnded, renewSession } from '@/lib/user-session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const publicPaths = new Set(['/login', '/healthz']);

interface Secured {
  https: boolean;
  policy: string;
}

function plain(status: number, text: string, headers: Record<string, string> = {}) {
  return new NextResponse(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}

/** Lets the request through, telling the page its policy (for the nonce) and the path asked. */
function forward(request: NextRequest, { policy }: Secured): NextResponse {
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set(requestedPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

/**
 * The session cookie's value for a few minutes once users ended the session: the request that
 * found out may be a prefetch the user never sees, so the pages after it still say why they
 * were signed out. Signing in again replaces it.
 */
const endedMarker = 'ended';

/** Sends a request without a (live) session to the login page, or answers 401 to a write. */
function signInAgain(request: NextRequest, endedNow: boolean, https: boolean): NextResponse {
  const { pathname, search } = request.nextUrl;
  const safe = safeMethods.has(request.method);
  const ended = endedNow || request.cookies.get(sessionCookie)?.value === endedMarker;
  const wanted = safeNextPath(
    safe
      ? `${pathname}${search}`
      : new URL(request.headers.get('referer') ?? '/', request.url).pathname,
  );
  const query = new URLSearchParams({
    ...(ended ? { ended: '1' } : {}),
    ...(wanted === '/' ? {} : { next: wanted }),
  }).toString();
  const login = query ? `/login?${query}` : '/login';
  let response: NextResponse;
  if (safe) {
    response = NextResponse.redirect(new URL(login, request.url));
  } else if (request.headers.has(serverActionHeader)) {
    // The client router follows x-action-redirect, so an expired session lands on the login page.
    response = plain(401, 'Sign in again.', { 'x-action-redirect': `${login};replace` });
  } else {
    response = plain(401, 'Sign in first.');
  }
  if (endedNow) {
    const expiresAt = Date.now() / 1000 + 300;
    response.cookies.set(sessionCookie, endedMarker, sessionCookieOptions({ expiresAt }, https));
  } else if (request.cookies.has(sessionCookie) && !ended) {
    response.cookies.delete(sessionCookie);
  }
  return response;
}

/** Puts a renewed session into this request (for the page) and into the browser's cookie. */
async function carryRenewed(
  request: NextRequest,
  session: Session,
  secured: Secured,
): Promise<NextResponse> {
  const token = await sealSession(session, adminConfig().sessionKey);
  request.cookies.set(sessionCookie, token);
  const response = forward(request, secured);
  response.cookies.set(sessionCookie, token, sessionCookieOptions(session, secured.https));
  return response;
}

/**
 * The session gate: a session whose access token is due is renewed at users first, which
 * rechecks the user (suspended, signed out, role taken away); a refused renewal signs out.
 */
async function guard(request: NextRequest, secured: Secured): Promise<NextResponse> {
  const session = await openSession(
    request.cookies.get(sessionCookie)?.value,
    adminConfig().sessionKey,
  );
  if (!session) {
    return signInAgain(request, false, secured.https);
  }
  if (hasEnded(session)) {
    return signInAgain(request, true, secured.https);
  }
  const now = Date.now() / 1000;
  if (now < session.renewAt) {
    return forward(request, secured);
  }
  const renewal = await renewSession(session, { userAgent: request.headers.get('user-agent') });
  if (renewal.outcome === 'renewed') {
    return carryRenewed(request, renewal.session, secured);
  }
  if (renewal.outcome === 'ended') {
    adminLogger().info({ email: session.email, reason: renewal.reason }, 'session ended');
    return signInAgain(request, true, secured.https);
  }
  if (now < session.accessExpiresAt) {
    return forward(request, secured);
  }
  adminLogger().warn({ problem: renewal.problem.detail }, 'session renewal unavailable');
  return plain(503, 'Your session cannot be renewed right now; try again in a moment.', {
    'retry-after': '5',
  });
}

/**
 * The first gate of every request: refuses cross-site writes, renews or ends the session, sends
 * requests without one to the login page (pages) or answers 401 (server actions and other
 * writes), and sets the security headers. Pages and actions check the session again themselves.
 */
export async function proxy(request: NextRequest) {
  const https = servedOverHttps(request.headers, request.nextUrl);
  const nonce = randomBytes(16).toString('base64');
  const secured = {
    https,
    policy: contentSecurityPolicy(nonce, { development: adminConfig().development, https }),
  };
  let response: NextResponse;
  if (!safeMethods.has(request.method) && isCrossSite(request.headers)) {
    response = plain(403, 'Cross-site requests may not change anything here.');
  } else if (publicPaths.has(request.nextUrl.pathname)) {
    response = forward(request, secured);
  } else {
    response = await guard(request, secured);
  }
  response.headers.set('content-security-policy', secured.policy);
  for (const [name, value] of Object.entries(fixedSecurityHeaders)) {
    response.headers.set(name, value);
  }
  if (https) {
    response.headers.set('strict-transport-security', strictTransportSecurity);
  }
  return response;
}

export const config = {
  // Not _next/: static assets and the development server's hot-reload socket need no session
  // (next.config.ts gives them the fixed security headers).
  matcher: ['/((?!_next/|favicon.ico|icon.svg).*)'],
};
