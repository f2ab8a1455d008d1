import type { Tx } from '@trellis/db';
import {
  type RefreshTokenRow,
  refreshTokens,
  type UserSessionRow,
  userSessions,
} from '@trellis/db/schema';
import { and, eq, gt, isNull } from 'drizzle-orm';

/** Why a session was revoked. */
export type RevokeReason = 'sign_out' | 'reuse' | 'suspended';

export async function insertSession(tx: Tx, id: string, userId: string, now: Date): Promise<void> {
  await tx.insert(userSessions).values({ id, userId, createdAt: now });
}

export async function insertRefreshToken(
  tx: Tx,
  token: Pick<RefreshTokenRow, 'tokenHash' | 'sessionId' | 'expiresAt'>,
  now: Date,
): Promise<void> {
  await tx.insert(refreshTokens).values({ ...token, createdAt: now });
}

/**
 * Spends an unspent, unexpired refresh token; undefined when there is none by that hash in
 * that state. Of two requests spending one token at once, exactly one gets it.
 */
export async function spendRefreshToken(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx
    .update(refreshTokens)
    .set({ spentAt: now })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.spentAt),
        gt(refreshTokens.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/** A refresh token in whatever state, with its session. */
export async function findRefreshToken(
  tx: Tx,
  tokenHash: string,
): Promise<{ token: RefreshTokenRow; session: UserSessionRow } | undefined> {
  const [row] = await tx
    .select({ token: refreshTokens, session: userSessions })
    .from(refreshTokens)
    .innerJoin(userSessions, eq(userSessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** A session, locked until `tx` ends, so a revocation and a refresh of it take turns. */
export async function lockSession(tx: Tx, id: string): Promise<UserSessionRow | undefined> {
  const [row] = await tx
    .select()
    .from(userSessions)
    .where(eq(userSessions.id, id))
    .limit(1)
    .for('update');
  return row;
}

/** Revokes a session unless it already is; true when this call revoked it. */
export async function revokeSession(
  tx: Tx,
  id: string,
  reason: RevokeReason,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(userSessions.id, id), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/** Revokes every live session of a user; the ids of those it revoked. */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  reason: RevokeReason,
  now: Date,
): Promise<string[]> {
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.map((row) => row.id);
}
