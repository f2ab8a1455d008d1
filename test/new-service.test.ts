import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const ownModules = path.join(repoRoot, 'node_modules');

let clone: string;
let statusBefore: string;

async function gitStatus(): Promise<string> {
  return (await run('git', ['status', '--porcelain'], { cwd: repoRoot })).stdout;
}

/** Runs a command in the clone; a failure throws with everything it printed. */
async function inClone(command: string, args: string[], timeout: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  // The clone's tests start their own Postgres rather than re-preparing this run's template.
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(command, args, { cwd: clone, env, timeout });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

/**
 * The clone's node_modules: a folder of links to this checkout's packages, except the
 * workspace links, which point into the clone, and the dot-folders (caches, hidden lockfile),
 * left out so nothing run in the clone writes here.
 */
async function linkModules(): Promise<void> {
  const modules = path.join(clone, 'node_modules');
  await mkdir(path.join(modules, '@trellis'), { recursive: true });
  for (const entry of await readdir(ownModules)) {
    if (entry === '@trellis' || (entry.startsWith('.') && entry !== '.bin')) {
      continue;
    }
    await symlink(path.join(ownModules, entry), path.join(modules, entry));
  }
  for (const entry of await readdir(path.join(ownModules, '@trellis'))) {
    const target = await readlink(path.join(ownModules, '@trellis', entry));
    await symlink(target, path.join(modules, '@trellis', entry));
  }
}

beforeAll(async () => {
  statusBefore = await gitStatus();
  clone = await mkdtemp(path.join(tmpdir(), 'trellis-new-service-'));
  await run('git', ['clone', '--quiet', repoRoot, clone]);
  await linkModules();
  await inClone('npm', ['run', 'new-service', 'demo'], 120_000);
}, 180_000);

afterAll(async () => {
  if (clone) {
    await rm(clone, { recursive: true, force: true });
  }
});

describe('npm run new-service demo in a clean clone', () => {
  it('lays down the service in the house shape, on the next free port, in the README', async () => {
    const files = await readdir(path.join(clone, 'services/demo'), { recursive: true });
    expect(files.map((file) => file.split(path.sep).join('/')).sort()).toEqual(
      expect.arrayContaining([
        'openapi.json',
        'package.json',
        'src/app.ts',
        'src/config.ts',
        'src/env.ts',
        'src/main.deno.ts',
        'src/main.ts',
        'src/resilience.ts',
        'src/routes/greetings/create.ts',
        'src/routes/greetings/index.ts',
        'src/routes/greetings/schema.ts',
        'src/service.ts',
        'test/greetings.test.ts',
      ]),
    );
    expect(await readFile(path.join(clone, 'services/demo/src/env.ts'), 'utf8')).toContain(
      'serviceEnvSchema(4104,',
    );
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toMatch(
      /^\| `services\/demo\/` +\| the demo service +\| 4104 \|$/m,
    );
    expect(existsSync(path.join(clone, 'node_modules/@trellis/demo/src/service.ts'))).toBe(true);
    const lockfile = JSON.parse(await readFile(path.join(clone, 'package-lock.json'), 'utf8'));
    expect(lockfile.packages['services/demo']).toMatchObject({ name: '@trellis/demo' });
  });

  it('passes biome check', async () => {
    await inClone('npx', ['biome', 'check', 'services/demo', 'README.md'], 60_000);
  }, 90_000);

  it('passes the TypeScript build', async () => {
    await inClone('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], 300_000);
  }, 330_000);

  it('passes its own tests, the contract test and the Deno smoke test', async () => {
    const output = await inClone(
      'npx',
      [
        'vitest',
        'run',
        '--reporter=verbose',
        'services/demo',
        'test/contracts.test.ts',
        'test/deno.test.ts',
      ],
      300_000,
    );
    expect(output).toMatch(/the demo contract/);
    expect(output).toMatch(/the demo service under Deno/);
  }, 330_000);

  it('leaves the repository it runs from as it was', async () => {
    expect(await gitStatus()).toBe(statusBefore);
    expect(existsSync(path.join(ownModules, '@trellis/demo'))).toBe(false);
    expect(existsSync(path.join(repoRoot, 'services/demo'))).toBe(false);
  });
});
