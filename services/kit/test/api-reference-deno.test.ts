import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const denoBin = path.join(repoRoot, 'node_modules/.bin/deno');
const script = fileURLToPath(new URL('./deno/api-reference.ts', import.meta.url));
const distFolder = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

it('serves the API reference and its assets from node_modules under Deno', async () => {
  // The permissions of the services' Deno entries; `manual` never installs or downloads.
  const { stdout } = await promisify(execFile)(
    denoBin,
    [
      'run',
      '--node-modules-dir=manual',
      '--no-remote',
      '--allow-read',
      '--allow-env',
      '--allow-sys',
      script,
    ],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } },
  );
  const { deno, answers } = JSON.parse(stdout.trim().split('\n').pop() as string) as {
    deno: boolean;
    answers: { path: string; status: number; bytes: number }[];
  };
  expect(deno).toBe(true);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  for (const { path: assetPath, bytes } of answers.slice(1)) {
    const file = path.join(distFolder, path.basename(assetPath));
    expect(bytes, assetPath).toBe((await stat(file)).size);
  }
}, 90_000);
