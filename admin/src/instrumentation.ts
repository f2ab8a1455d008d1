/** Runs once when the server starts: a missing or weak setting stops it there, with its name. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { adminConfig } = await import('./lib/config');
    adminConfig();
  }
}
