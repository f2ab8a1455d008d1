/** The last config an instance applied, kept on disk so it can start while the center is down. */
export interface ConfigSnapshot {
  namespace: string;
  service: string;
  revision: number;
  values: Record<string, unknown>;
  savedAt: string;
}

// node:fs is loaded only when a snapshot path is configured; Deno serves it too.
const fs = () => import('node:fs/promises');

export async function readSnapshot(path: string): Promise<ConfigSnapshot | undefined> {
  let text: string;
  try {
    text = await (await fs()).readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  const snapshot = JSON.parse(text) as Partial<ConfigSnapshot>;
  if (
    typeof snapshot.namespace !== 'string' ||
    typeof snapshot.service !== 'string' ||
    typeof snapshot.revision !== 'number' ||
    typeof snapshot.values !== 'object' ||
    snapshot.values === null
  ) {
    throw new Error('the snapshot file is not a config snapshot');
  }
  return snapshot as ConfigSnapshot;
}

/**
 * Writes the snapshot atomically: a temporary file beside it, then a rename, so a crash leaves
 * the old snapshot or the new one, never half of one. Owner-only, since it holds secrets.
 */
export async function writeSnapshot(path: string, snapshot: ConfigSnapshot): Promise<void> {
  const { mkdir, rename, rm, writeFile } = await fs();
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (slash > 0) {
    await mkdir(path.slice(0, slash), { recursive: true });
  }
  const temporary = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}
