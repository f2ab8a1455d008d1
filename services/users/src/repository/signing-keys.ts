import type { Database, Tx } from '@trellis/db';
import { type PublicJwk, type SigningKeyRow, signingKeys } from '@trellis/db/schema';
import { desc, gt, isNull, or, sql } from 'drizzle-orm';

/** Serializes signer changes across instances: the first key's creation and rotations. */
const signerLock = sql`select pg_advisory_xact_lock(hashtext('trellis.signing_keys.signer'))`;

export interface NewSigningKey {
  kid: string;
  publicJwk: PublicJwk;
  privateJwk: string;
}

export async function findSigner(db: Database | Tx): Promise<SigningKeyRow | undefined> {
  const [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).limit(1);
  return row;
}

/** The signer, then the keys retired after `retiredSince`, newest first. */
export function findPublishedKeys(db: Database, retiredSince: Date): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, retiredSince)))
    .orderBy(sql`${signingKeys.retiredAt} is not null`, desc(signingKeys.activatedAt));
}

/**
 * Makes `key` the signer unless there is one already (another instance got there first);
 * returns the signer either way, and whether it is `key`.
 */
export function insertFirstSigner(
  db: Database,
  key: NewSigningKey,
  now: Date,
  onCreated?: (tx: Tx, kid: string) => Promise<void>,
): Promise<{ signer: SigningKeyRow; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(signerLock);
    const existing = await findSigner(tx);
    if (existing) {
      return { signer: existing, created: false };
    }
    const [row] = await tx
      .insert(signingKeys)
      .values({ ...key, createdAt: now, activatedAt: now })
      .returning();
    if (!row) {
      throw new Error('insert returned no row');
    }
    await onCreated?.(tx, row.kid);
    return { signer: row, created: true };
  });
}

/**
 * Retires the signer and makes `key` the new one, on `tx`; returns the new key and the kid of
 * the one retired, if there was one.
 */
export async function replaceSigner(
  tx: Tx,
  key: NewSigningKey,
  now: Date,
): Promise<{ signer: SigningKeyRow; retired?: string }> {
  await tx.execute(signerLock);
  const [retired] = await tx
    .update(signingKeys)
    .set({ retiredAt: now })
    .where(isNull(signingKeys.retiredAt))
    .returning({ kid: signingKeys.kid });
  const [row] = await tx
    .insert(signingKeys)
    .values({ ...key, createdAt: now, activatedAt: now })
    .returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return retired ? { signer: row, retired: retired.kid } : { signer: row };
}
