import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const adminDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(adminDir, '..');
const fingerprintFile = path.join(adminDir, '.next', 'trellis-build-fingerprint');
const lockDir = path.join(adminDir, '.next-build.lock');
const staleLockMs = 10 * 60_000;

/** Everything the built console depends on: its sources, the workspace packages it bundles, the lock. */
const inputs = [
  'admin/src',
  'admin/next.config.ts',
  'admin/tailwind.config.ts',
  'admin/postcss.config.mjs',
  'admin/package.json',
  'admin/tsconfig.json',
  'services/client/src',
  'services/kit/src',
  'package-lock.json',
];

async function filesUnder(entry: string): Promise<string[]> {
  const full = path.join(repoRoot, entry);
  try {
    const items = await readdir(full, { withFileTypes: true, recursive: true });
    return items
      .filter((item) => item.isFile())
      .map((item) => path.relative(repoRoot, path.join(item.parentPath, item.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return [entry];
    }
    throw error;
  }
}

/** A hash of the build's inputs: the same fingerprint means the existing build is current. */
export async function buildFingerprint(): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(repoRoot, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

async function storedFingerprint(): Promise<string | undefined> {
  try {
    return (await readFile(fingerprintFile, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** The environment the Next.js CLI runs in: production, no telemetry (there is no network). */
export function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * Holds a lock while `run` builds: test runs and `npm start` may ask for a build at the same
 * time, and two `next build`s writing one `.next` break each other.
 */
async function whileLocked<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const since = await stat(lockDir).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > staleLockMs) {
        await rm(lockDir, { recursive: true, force: true });
      } else {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  try {
    return await run();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * Runs `next build` unless `.next` already holds a build of exactly these sources.
 * `onOutput` receives the build's output lines; the promise rejects if the build fails.
 */
export async function ensureAdminBuild(
  onOutput: (line: string) => void = () => {},
  signal?: AbortSignal,
): Promise<'reused' | 'built'> {
  const fingerprint = await buildFingerprint();
  if ((await storedFingerprint()) === fingerprint) {
    return 'reused';
  }
  return whileLocked(async () => {
    // Another process may have built these very sources while this one waited for the lock.
    if ((await storedFingerprint()) === fingerprint) {
      return 'reused';
    }
    await runNextBuild(onOutput, signal);
    await writeFile(fingerprintFile, `${fingerprint}\n`);
    return 'built';
  });
}

async function runNextBuild(onOutput: (line: string) => void, signal?: AbortSignal) {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: adminDir,
      env: nextEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal ? { signal } : {}),
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          output.push(line);
          onOutput(line);
        }
      });
    }
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`next build failed (exit ${code}):\n${output.slice(-40).join('\n')}`);
  }
}
