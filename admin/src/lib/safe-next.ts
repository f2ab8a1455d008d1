/**
 * The page to return to after signing in: a path on this site, or `/`. Anything else (another
 * origin, `//host`, a backslash trick) would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  const url = new URL(next, 'http://console.invalid');
  if (url.origin !== 'http://console.invalid' || url.pathname.startsWith('/login')) {
    return '/';
  }
  return `${url.pathname}${url.search}`;
}
