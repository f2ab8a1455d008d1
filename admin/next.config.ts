import type { NextConfig } from 'next';
import { fixedSecurityHeaders } from './src/lib/security-headers.ts';

const config: NextConfig = {
  // The workspace packages ship TypeScript sources, not built JavaScript. The console takes only
  // the business services' dependency-free `lifecycle` modules (statuses and transitions).
  transpilePackages: [
    '@trellis/client',
    '@trellis/kit',
    '@trellis/meetings',
    '@trellis/orders',
    '@trellis/users',
  ],
  serverExternalPackages: ['pino', 'prom-client'],
  poweredByHeader: false,
  // The platform's addresses are 127.0.0.1, which `next dev` would otherwise treat as foreign.
  allowedDevOrigins: ['127.0.0.1'],
  // `npm run typecheck` checks the console (tsc -p admin); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: new URL('..', import.meta.url).pathname },
  // Browsers ask for /favicon.ico on pages without an icon link, such as plain-text errors.
  rewrites: async () => [{ source: '/favicon.ico', destination: '/icon.svg' }],
  // Static files too; the proxy adds the page policy (with its nonce) and HSTS to the rest.
  headers: async () => [
    {
      source: '/:path*',
      headers: Object.entries(fixedSecurityHeaders).map(([key, value]) => ({ key, value })),
    },
  ],
};

export default config;
