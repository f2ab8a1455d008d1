import { type Database, newId, pgErrorCode, pgErrorCodes, type Tx } from '@trellis/db';
import { type UserRow, users } from '@trellis/db/schema';
import { and, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { EmailTaken } from '../domain.ts';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  roles: UserRow['roles'];
}

/** Publishes the event of a change to `user`, on the change's transaction. */
export type UserEvent = (tx: Tx, user: UserRow) => Promise<unknown>;

function rethrowEmailTaken(error: unknown, email: string): never {
  if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
    throw new EmailTaken(email);
  }
  throw error;
}

/** Inserts a user and `event` on the caller's transaction (the one holding its Idempotency-Key). */
export async function insertUser(
  tx: Tx,
  input: NewUser,
  event: UserEvent,
  now: Date,
): Promise<UserRow> {
  try {
    const [row] = await tx
      .insert(users)
      .values({ id: newId('user'), ...input, createdAt: now, updatedAt: now })
      .returning();
    if (!row) {
      throw new Error('insert returned no row');
    }
    await event(tx, row);
    return row;
  } catch (error) {
    rethrowEmailTaken(error, input.email);
  }
}

export async function findUserById(db: Database | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

export async function findUsersByIds(db: Database, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.select().from(users).where(inArray(users.id, ids));
}

export interface UserListQuery {
  q?: string;
  status?: UserRow['status'];
  limit: number;
  afterId?: string;
}

/** Newest first; keyset paging on the time-sortable id. */
export async function listUsers(db: Database, query: UserListQuery): Promise<UserRow[]> {
  const filters: SQL[] = [];
  if (query.status) {
    filters.push(eq(users.status, query.status));
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) {
      filters.push(match);
    }
  }
  if (query.afterId) {
    filters.push(lt(users.id, query.afterId));
  }
  return db
    .select()
    .from(users)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(users.id))
    .limit(query.limit + 1);
}

export interface UserChanges {
  email?: string;
  name?: string;
  roles?: UserRow['roles'];
  status?: UserRow['status'];
}

/** More writes on the transaction of a change, given the user after it: an audit entry. */
export type AlongWithChange = (tx: Tx, updated: UserRow) => Promise<void>;

/**
 * Applies changes only if the row is still at `expectedVersion`; returns undefined when
 * another writer got there first.
 */
export async function updateUser(
  db: Database,
  id: string,
  expectedVersion: number,
  changes: UserChanges,
  event: UserEvent,
  now: Date,
  along?: AlongWithChange,
): Promise<UserRow | undefined> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: now })
        .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
        .returning();
      if (!row) {
        return undefined;
      }
      await event(tx, row);
      await along?.(tx, row);
      return row;
    });
  } catch (error) {
    rethrowEmailTaken(error, changes.email ?? '');
  }
}
