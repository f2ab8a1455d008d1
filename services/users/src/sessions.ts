import { type Database, newId, type Tx } from '@trellis/db';
import type { UserRow } from '@trellis/db/schema';
import { ApiError } from '@trellis/kit';
import { type RequestOrigin, recordSecurityEvent } from './audit.ts';
import { newOpaqueSecret, tokenHash } from './opaque-secrets.ts';
import {
  findRefreshToken,
  insertRefreshToken,
  insertSession,
  lockSession,
  revokeSession,
  spendRefreshToken,
} from './repository/sessions.ts';
import { findUserById } from './repository/users.ts';
import type { SigningKeyStore } from './signing-keys.ts';
import { type AccessTokenSettings, issueAccessToken } from './tokens.ts';

export interface SessionSettings {
  keys: SigningKeyStore;
  access: AccessTokenSettings;
  refreshTtlSeconds: number;
}

export interface SessionDeps {
  db: Database;
  now: () => Date;
  tokens: SessionSettings;
}

/** What a sign-in or a refresh answers. */
export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshExpiresIn: number;
  user: UserRow;
}

/** Adds a fresh refresh token to the session (token family) on `tx`; returns the token. */
async function addRefreshToken(tx: Tx, sessionId: string, deps: SessionDeps): Promise<string> {
  const refreshToken = newOpaqueSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.tokens.refreshTtlSeconds * 1000);
  await insertRefreshToken(
    tx,
    { tokenHash: await tokenHash(refreshToken), sessionId, expiresAt },
    now,
  );
  return refreshToken;
}

async function issue(
  deps: SessionDeps,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
): Promise<IssuedSession> {
  const { keys, access, refreshTtlSeconds } = deps.tokens;
  const accessToken = await issueAccessToken(
    user,
    sessionId,
    await keys.signer(),
    access,
    deps.now(),
  );
  return {
    accessToken,
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: access.ttlSeconds,
    refreshExpiresIn: refreshTtlSeconds,
    user,
  };
}

/** Starts a session for a user whose password was just checked, and audits the sign-in. */
export async function startSession(
  deps: SessionDeps,
  user: UserRow,
  origin: RequestOrigin,
): Promise<IssuedSession> {
  const sessionId = newId('session');
  const refreshToken = await deps.db.transaction(async (tx) => {
    await insertSession(tx, sessionId, user.id, deps.now());
    await recordSecurityEvent(
      tx,
      origin,
      { action: 'session.sign_in', outcome: 'ok', subject: user.id, detail: { sessionId } },
      deps.now(),
    );
    return addRefreshToken(tx, sessionId, deps);
  });
  return issue(deps, user, sessionId, refreshToken);
}

type RefreshRefusal = 'unknown' | 'expired' | 'revoked' | 'reused' | 'suspended';

const refusalDetail: Record<RefreshRefusal, string> = {
  unknown: 'The refresh token is not one users issued.',
  expired: 'The refresh token has expired; sign in again.',
  revoked: 'The session of this refresh token has ended; sign in again.',
  reused: 'The refresh token was already used, so its session has been ended; sign in again.',
  suspended: 'This account is suspended.',
};

export class RefreshRefused extends ApiError {
  constructor(readonly reason: RefreshRefusal) {
    super('unauthorized', { detail: refusalDetail[reason] });
  }
}

type RefreshOutcome =
  | { kind: 'rotated'; user: UserRow; sessionId: string; refreshToken: string }
  | { kind: 'refused'; reason: RefreshRefusal };

/** Why a token that could not be spent was refused; a spent one revokes its whole family. */
async function refuseUnspendable(
  tx: Tx,
  hash: string,
  deps: SessionDeps,
  origin: RequestOrigin,
): Promise<RefreshOutcome> {
  const found = await findRefreshToken(tx, hash);
  if (!found) {
    return { kind: 'refused', reason: 'unknown' };
  }
  const { token, session } = found;
  const reused = !session.revokedAt && token.spentAt !== null;
  if (reused) {
    await revokeSession(tx, session.id, 'reuse', deps.now());
  }
  const reason: RefreshRefusal = reused ? 'reused' : session.revokedAt ? 'revoked' : 'expired';
  await recordSecurityEvent(
    tx,
    origin,
    {
      action: reused ? 'session.refresh_reuse' : 'session.refresh',
      outcome: 'refused',
      subject: session.userId,
      detail: { sessionId: session.id, reason },
    },
    deps.now(),
  );
  return { kind: 'refused', reason };
}

async function refuseInSession(
  tx: Tx,
  session: { id: string; userId: string },
  reason: RefreshRefusal,
  deps: SessionDeps,
  origin: RequestOrigin,
): Promise<RefreshOutcome> {
  if (reason === 'suspended') {
    await revokeSession(tx, session.id, 'suspended', deps.now());
  }
  await recordSecurityEvent(
    tx,
    origin,
    {
      action: 'session.refresh',
      outcome: 'refused',
      subject: session.userId,
      detail: { sessionId: session.id, reason },
    },
    deps.now(),
  );
  return { kind: 'refused', reason };
}

/**
 * Spends a refresh token for a new one of the same family and an access token with the user's
 * roles as they are now. A token spent before revokes its family; a suspended user's refresh
 * revokes theirs. Refusals are audited and answered 401.
 */
export async function refreshSession(
  deps: SessionDeps,
  presented: string,
  origin: RequestOrigin,
): Promise<IssuedSession> {
  const hash = await tokenHash(presented);
  const outcome = await deps.db.transaction(async (tx): Promise<RefreshOutcome> => {
    const spent = await spendRefreshToken(tx, hash, deps.now());
    if (!spent) {
      return refuseUnspendable(tx, hash, deps, origin);
    }
    const session = await lockSession(tx, spent.sessionId);
    const user = session && (await findUserById(tx, session.userId));
    if (!session || !user) {
      return { kind: 'refused', reason: 'unknown' };
    }
    if (session.revokedAt) {
      return refuseInSession(tx, session, 'revoked', deps, origin);
    }
    if (user.status !== 'active') {
      return refuseInSession(tx, session, 'suspended', deps, origin);
    }
    const refreshToken = await addRefreshToken(tx, session.id, deps);
    return { kind: 'rotated', user, sessionId: session.id, refreshToken };
  });
  if (outcome.kind === 'refused') {
    throw new RefreshRefused(outcome.reason);
  }
  return issue(deps, outcome.user, outcome.sessionId, outcome.refreshToken);
}

/** Ends the session of a refresh token (spent or not); nothing to do for an unknown one. */
export async function endSession(
  deps: SessionDeps,
  presented: string,
  origin: RequestOrigin,
): Promise<void> {
  const hash = await tokenHash(presented);
  await deps.db.transaction(async (tx) => {
    const found = await findRefreshToken(tx, hash);
    if (!found || !(await revokeSession(tx, found.session.id, 'sign_out', deps.now()))) {
      return;
    }
    await recordSecurityEvent(
      tx,
      origin,
      {
        action: 'session.sign_out',
        outcome: 'ok',
        subject: found.session.userId,
        detail: { sessionId: found.session.id },
      },
      deps.now(),
    );
  });
}
