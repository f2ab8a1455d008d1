/**
 * The Content-Security-Policy of a page: scripts only from this origin and only those carrying
 * this response's nonce ('strict-dynamic' lets them load the chunks they need), so an injected
 * inline script cannot run. Next puts the nonce on its own inline bootstrap scripts when it
 * finds the policy in the request, which is why pages are rendered per request. Styles keep
 * 'unsafe-inline': Tremor and its charts set style attributes, which no nonce can cover, and a
 * style cannot run code.
 */
export function contentSecurityPolicy(
  nonce: string,
  { development, https }: { development: boolean; https: boolean },
): string {
  return [
    "default-src 'self'",
    // React's development build uses eval to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * Headers every console response carries, pages or not (next.config.ts sets them on static
 * files too): no framing, no type sniffing, no referrer beyond the console.
 */
export const fixedSecurityHeaders = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

/**
 * HSTS, for responses served over https only (browsers ignore it over http anyway). Not for
 * subdomains: the console does not know what else runs under its domain.
 */
export const strictTransportSecurity = 'max-age=63072000';
