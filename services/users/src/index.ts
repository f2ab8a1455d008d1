export { createUsersApp } from './app.ts';
export { type UsersConfig, usersConfig } from './config.ts';
export type { UsersDeps } from './deps.ts';
export { hashPassword } from './password.ts';
export * from './routes/users/schema.ts';
