import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Env, Hono } from 'hono';
import { html } from 'hono/html';

// Swagger UI's assets come from the swagger-ui-dist package the lockfile pins, read from disk
// (node:fs works under Node and under Deno with --allow-read): /docs needs no network.
const require = createRequire(import.meta.url);
const { version } = require('swagger-ui-dist/package.json') as { version: string };

/**
 * Resolved when an asset is first read, not when the module loads: bundlers that take in the
 * kit (the console's Next.js build) replace `require.resolve` with a module id.
 */
let distFolder: string | undefined;
function assetPath(file: string): string {
  distFolder ??= path.dirname(require.resolve('swagger-ui-dist/package.json'));
  return path.join(distFolder, file);
}

const assetTypes = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;
type AssetFile = keyof typeof assetTypes;

/** Asset paths carry the package version, so a year of caching never serves a stale file. */
const assetFolder = `docs/assets/${version}`;

/** The paths of the API reference: the page and each of its assets. */
export const apiReferencePaths: readonly string[] = [
  '/docs',
  ...Object.keys(assetTypes).map((file) => `/${assetFolder}/${file}`),
];

const loaded = new Map<AssetFile, Promise<Uint8Array<ArrayBuffer>>>();

/** Read on first use, not at start: most instances never serve their docs. */
function asset(file: AssetFile): Promise<Uint8Array<ArrayBuffer>> {
  let bytes = loaded.get(file);
  if (bytes === undefined) {
    bytes = readFile(assetPath(file)).then((buffer) => new Uint8Array(buffer));
    // A failed read is retried by the next request rather than remembered.
    bytes.catch(() => loaded.delete(file));
    loaded.set(file, bytes);
  }
  return bytes;
}

/**
 * Serves Swagger UI at `/docs` for the document at `/openapi.json`. Links are relative, so the
 * page works behind a gateway that mounts the service under a prefix.
 */
export function registerApiReference<E extends Env>(app: Hono<E>, title: string): void {
  app.get('/docs', (c) =>
    c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" type="image/png" href="${assetFolder}/favicon-32x32.png" />
    <link rel="stylesheet" href="${assetFolder}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${assetFolder}/swagger-ui-bundle.js"></script>
    <script>
      window.ui = SwaggerUIBundle({
        url: './openapi.json',
        dom_id: '#swagger-ui',
        deepLinking: true,
        validatorUrl: null,
      });
    </script>
  </body>
</html>
`),
  );
  for (const file of Object.keys(assetTypes) as AssetFile[]) {
    app.get(`/${assetFolder}/${file}`, async (c) =>
      c.body(await asset(file), 200, {
        'content-type': assetTypes[file],
        'cache-control': 'public, max-age=31536000, immutable',
      }),
    );
  }
}
