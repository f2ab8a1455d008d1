import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt, versionColumn } from './columns.ts';

export const userStatus = pgEnum('user_status', ['active', 'suspended']);
export const userRole = pgEnum('user_role', ['member', 'operator', 'admin']);

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    status: userStatus('status').notNull().default('active'),
    roles: userRole('roles').array().notNull().default(sql`'{member}'::user_role[]`),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Emails are unique regardless of case: Ada@x.io and ada@x.io are one account.
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_status_idx').on(t.status, t.id),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
