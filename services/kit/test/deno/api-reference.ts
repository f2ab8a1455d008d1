// Run by api-reference-deno.test.ts under Deno: prints what /docs and each asset it links answer.
import process from 'node:process';
import { createLogger, createService } from '../../src/index.ts';

const app = createService({
  name: 'things',
  version: '1.0.0',
  instanceId: 'things-deno',
  description: 'The kit under Deno.',
  logger: createLogger({ service: 'things', instance: 'things-deno', level: 'silent' }),
  deps: {},
});
const page = await app.request('/docs');
const html = await page.text();
const answers = [{ path: '/docs', status: page.status, bytes: html.length }];
for (const [, link] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
  const path = new URL(link as string, 'http://things/docs').pathname;
  const res = await app.request(path);
  answers.push({ path, status: res.status, bytes: (await res.arrayBuffer()).byteLength });
}
process.stdout.write(`${JSON.stringify({ deno: 'Deno' in globalThis, answers })}\n`);
