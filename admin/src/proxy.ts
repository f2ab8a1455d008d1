import { type NextRequest, NextResponse } from 'next/server';
import { adminConfig } from '@/lib/config';
import { isCrossSite, requestedPathHeader, serverActionHeader } from '@/lib/request-guard';
import { safeNextPath } from '@/lib/safe-next';
import { openSession, sessionCookie } from '@/lib/session-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const publicPaths = new Set(['/login', '/healthz']);

function plain(status: number, text: string, headers: Record<string, string> = {}) {
  return new NextResponse(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}

/**
 * The first gate of every request: refuses cross-site writes, and sends requests without a
 * valid session to the login page (pages) or answers 401 (server actions and other writes).
 * Pages and actions check the session again themselves; this only keeps the common case fast
 * and gives expiry a good landing.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!safeMethods.has(request.method) && isCrossSite(request.headers)) {
    return plain(403, 'Cross-site requests may not change anything here.');
  }
  if (publicPaths.has(pathname)) {
    return NextResponse.next();
  }
  const token = request.cookies.get(sessionCookie)?.value;
  const session = await openSession(token, adminConfig().sessionKey);
  if (session) {
    const headers = new Headers(request.headers);
    headers.set(requestedPathHeader, `${pathname}${search}`);
    return NextResponse.next({ request: { headers } });
  }
  const wanted = safeNextPath(
    safeMethods.has(request.method)
      ? `${pathname}${search}`
      : new URL(request.headers.get('referer') ?? '/', request.url).pathname,
  );
  const login = wanted === '/' ? '/login' : `/login?next=${encodeURIComponent(wanted)}`;
  let response: NextResponse;
  if (safeMethods.has(request.method)) {
    response = NextResponse.redirect(new URL(login, request.url));
  } else if (request.headers.has(serverActionHeader)) {
    // The client router follows x-action-redirect, so an expired session lands on the login page.
    response = plain(401, 'Sign in again.', { 'x-action-redirect': `${login};replace` });
  } else {
    response = plain(401, 'Sign in first.');
  }
  if (token) {
    response.cookies.delete(sessionCookie);
  }
  return response;
}

export const config = {
  // Not _next/: static assets and the development server's hot-reload socket need no session.
  matcher: ['/((?!_next/|favicon.ico|icon.svg).*)'],
};
