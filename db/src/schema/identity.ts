import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.ts';
import { users } from './users.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A public Ed25519 key as a JWK (`kty: OKP`, `crv: Ed25519`, `x`, `kid`, `alg`, `use`). */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid: string;
  alg: string;
  use: string;
}

/**
 * The keys the users service signs access tokens with. The private part is sealed with
 * `TOKEN_KEY_ENCRYPTION_KEY`; the one key not retired is the signer, and a retired key stays
 * published until every token it signed has expired.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    publicJwk: jsonb('public_jwk').$type<PublicJwk>().notNull(),
    /** `enc:v1:…`, the private JWK sealed by the kit's secret cipher. */
    privateJwk: text('private_jwk').notNull(),
    createdAt: createdAt(),
    activatedAt: instant('activated_at').notNull(),
    retiredAt: instant('retired_at'),
  },
  (t) => [
    // At most one signer, whatever two instances starting together decide.
    uniqueIndex('signing_keys_one_signer').on(sql`(true)`).where(sql`${t.retiredAt} is null`),
  ],
);

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/**
 * A sign-in and the refresh tokens descended from it (a token family): the `sid` of the access
 * tokens it issues. Revoking it ends every refresh token of the family at once.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
    /** Why: `sign_out`, `reuse`, `suspended`. */
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

export type UserSessionRow = typeof userSessions.$inferSelect;

/** Refresh tokens, by the SHA-256 of the opaque token; each is spent by its one use. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => userSessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    spentAt: instant('spent_at'),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/** API keys for outside consumers: `trk_live_<id>_<secret>`, kept as the key's SHA-256. */
export const apiKeys = pgTable('api_keys', {
  id: idColumn(),
  name: text('name').notNull(),
  scopes: text('scopes').array().notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The user (or service) that created it. */
  createdBy: text('created_by'),
  createdAt: createdAt(),
  revokedAt: instant('revoked_at'),
  /** Written at most once a minute per key. */
  lastUsedAt: instant('last_used_at'),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The audit trail of sign-ins, refusals, grants, suspensions and key changes. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: idColumn(),
    at: instant('at').notNull(),
    action: text('action').notNull(),
    /** `ok` or `refused`. */
    outcome: text('outcome').notNull(),
    /** Who did it: a user id, `service:<name>`, `system`; null when nobody signed in. */
    actor: text('actor'),
    /** What it was done to: a user, an API key, a signing key. */
    subject: text('subject'),
    sourceAddress: text('source_address'),
    userAgent: text('user_agent'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('security_events_action_idx').on(t.action, t.id),
    index('security_events_subject_idx').on(t.subject, t.id),
  ],
);

export type SecurityEventRow = typeof securityEvents.$inferSelect;
