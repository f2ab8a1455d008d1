import { and, eq, gt, lte } from 'drizzle-orm';
import type { Database, Executor, Tx } from './client.ts';
import { idempotencyKeys } from './schema/idempotency.ts';

/** One use of an `Idempotency-Key`: where it applies and what was asked. */
export interface IdempotencyRequest {
  /** The operation the key belongs to, e.g. `orders.create`. */
  scope: string;
  key: string;
  /** `requestHash()` of the request body. */
  requestHash: string;
}

export type IdempotencyLookup =
  /** No live row: the caller may proceed (and, from `claimIdempotencyKey`, owns the key now). */
  | { kind: 'new' }
  /** The same key with the same body already succeeded: answer with what was answered then. */
  | { kind: 'replay'; statusCode: number; response: unknown; resourceId: string | null }
  /** The same key was used with another body. */
  | { kind: 'mismatch' }
  /** Claimed but not completed; cannot happen when claim and completion share a transaction. */
  | { kind: 'pending' };

export const defaultIdempotencyTtlMs = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted at every depth, so equal values always serialize alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const record = inner as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]),
      );
    }
    return inner;
  });
}

/** SHA-256 (hex) of the canonical JSON of a request body, through Web Crypto. */
export async function requestHash(body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(body) ?? 'null');
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function keyIs(request: IdempotencyRequest) {
  return and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key));
}

/** What a live (unexpired) key row says about this request. */
export async function lookupIdempotencyKey(
  db: Executor,
  request: IdempotencyRequest,
  now: Date,
): Promise<IdempotencyLookup> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(keyIs(request), gt(idempotencyKeys.expiresAt, now)))
    .limit(1);
  if (!row) {
    return { kind: 'new' };
  }
  if (row.requestHash !== request.requestHash) {
    return { kind: 'mismatch' };
  }
  if (row.statusCode === null) {
    return { kind: 'pending' };
  }
  return {
    kind: 'replay',
    statusCode: row.statusCode,
    response: row.response,
    resourceId: row.resourceId,
  };
}

/**
 * Claims a key inside the transaction that makes the change; `new` means this transaction owns
 * it and must call `completeIdempotencyKey` before committing. A concurrent transaction holding
 * the same key makes the insert wait on the primary key until it commits, after which the
 * stored outcome is read back. Relies on READ COMMITTED, so the read sees that commit.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  request: IdempotencyRequest,
  now: Date,
  ttlMs = defaultIdempotencyTtlMs,
): Promise<IdempotencyLookup> {
  // An expired row no longer counts; remove it so the key can be claimed afresh.
  await tx.delete(idempotencyKeys).where(and(keyIs(request), lte(idempotencyKeys.expiresAt, now)));
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash: request.requestHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) {
    return { kind: 'new' };
  }
  const existing = await lookupIdempotencyKey(tx, request, now);
  if (existing.kind === 'new') {
    throw new Error(`idempotency key ${request.scope}/${request.key} vanished while claimed`);
  }
  return existing;
}

/** What a successful write answered: stored with its key and replayed to later requests. */
export interface IdempotentAnswer {
  statusCode: number;
  response: unknown;
  resourceId?: string;
}

/** Stores the outcome of a claimed key, for replays within its lifetime. */
export async function completeIdempotencyKey(
  tx: Tx,
  request: IdempotencyRequest,
  outcome: IdempotentAnswer,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({
      statusCode: outcome.statusCode,
      response: outcome.response,
      resourceId: outcome.resourceId ?? null,
    })
    .where(keyIs(request));
}

/** The write ran and its answer is stored under the key; or the key's earlier use decides. */
export type IdempotentWriteOutcome<T> =
  | { kind: 'written'; value: T }
  | Exclude<IdempotencyLookup, { kind: 'new' }>;

/**
 * The one way a creating write takes an `Idempotency-Key`: `write` runs in a transaction that
 * first claims the key and, before committing, stores `write`'s answer under it. A racing
 * request with the same key waits for that commit and gets `replay` (or `mismatch` for another
 * body); should the write fail, nothing is kept and the key is free again. Without a request
 * (no key sent) `write` simply runs in a transaction.
 */
export async function writeIdempotently<T>(
  db: Database,
  request: IdempotencyRequest | undefined,
  now: Date,
  write: (tx: Tx) => Promise<{ value: T; answer: IdempotentAnswer }>,
  ttlMs = defaultIdempotencyTtlMs,
): Promise<IdempotentWriteOutcome<T>> {
  return db.transaction(async (tx) => {
    if (request) {
      const claim = await claimIdempotencyKey(tx, request, now, ttlMs);
      if (claim.kind !== 'new') {
        return claim;
      }
    }
    const { value, answer } = await write(tx);
    if (request) {
      await completeIdempotencyKey(tx, request, answer);
    }
    return { kind: 'written', value };
  });
}
