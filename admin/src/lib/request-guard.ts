/**
 * Whether a request comes from another site: its Origin names another host than the one it
 * was sent to, or, without an Origin, the browser marks it `Sec-Fetch-Site: cross-site`.
 */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get('origin');
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (origin) {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return headers.get('sec-fetch-site') === 'cross-site';
}

/** Request header through which the proxy tells pages which URL was asked for. */
export const requestedPathHeader = 'x-trellis-requested-path';

/** Set by Next.js on the POST that invokes a server action. */
export const serverActionHeader = 'next-action';

/**
 * Whether the browser reached the console over https: the request URL says so, or the proxy in
 * front of it does (`X-Forwarded-Proto`). A client that claims https over http only gets an HSTS
 * header browsers ignore on http and a Secure cookie it will not send back.
 */
export function servedOverHttps(headers: Headers, url?: URL): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || url?.protocol === 'https:';
}
