import 'server-only';
import type { UsersComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

export type User = UsersComponents['schemas']['User'];
export type UserPage = UsersComponents['schemas']['UserPage'];
export type UserStatus = UsersComponents['schemas']['UserStatus'];
export type Role = UsersComponents['schemas']['Role'];

export interface UserQuery {
  q?: string;
  status?: UserStatus;
  cursor?: string;
  limit?: number;
}

export function listUsers(caller: Caller, query: UserQuery): Promise<Outcome<UserPage>> {
  return outcomeOf(
    serviceClient('users').GET('/v1/users', {
      headers: asOperator(caller),
      params: {
        query: {
          limit: query.limit ?? 20,
          ...(query.q ? { q: query.q } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
      },
    }),
  );
}

export function getUser(caller: Caller, id: string): Promise<Outcome<User>> {
  return outcomeOf(
    serviceClient('users').GET('/v1/users/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

/** The people a form may pick from: active users, newest first (the first hundred). */
export async function listActiveUsers(caller: Caller): Promise<Outcome<User[]>> {
  const page = await listUsers(caller, { status: 'active', limit: 100 });
  return page.ok ? { ok: true, data: page.data.items } : page;
}

/** Users by id for showing names beside ids; unknown ids are simply absent. */
export async function lookupUsers(
  caller: Caller,
  ids: readonly string[],
): Promise<Map<string, User>> {
  const unique = [...new Set(ids)].slice(0, 100);
  if (unique.length === 0) {
    return new Map();
  }
  const found = await outcomeOf(
    serviceClient('users').POST('/v1/users/lookup', {
      headers: asOperator(caller),
      body: { ids: unique },
    }),
  );
  return new Map(found.ok ? found.data.items.map((user) => [user.id, user]) : []);
}

/** A user by id (`usr_…`) or by exact email, for filters that accept either. */
export async function findUser(caller: Caller, idOrEmail: string): Promise<User | undefined> {
  const wanted = idOrEmail.trim();
  if (wanted.startsWith('usr_')) {
    const user = await getUser(caller, wanted);
    return user.ok ? user.data : undefined;
  }
  const page = await listUsers(caller, { q: wanted, limit: 20 });
  return page.ok
    ? page.data.items.find((user) => user.email.toLowerCase() === wanted.toLowerCase())
    : undefined;
}
