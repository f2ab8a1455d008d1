import { Callout, Card } from '@tremor/react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login/login-form';
import { safeNextPath } from '@/lib/safe-next';
import { readSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const { next, ended } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : undefined);
  if (await readSession()) {
    redirect(target);
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-center text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Trellis admin
        </h1>
        <p className="mb-6 text-center text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          Sign in with an operator or admin account.
        </p>
        {ended === '1' ? (
          <div role="status" className="mb-4" data-testid="session-ended">
            <Callout title="Your session has ended" color="amber">
              The users service no longer renews it: it was signed out, the account was suspended,
              or its console role was taken away. Sign in again if you still may.
            </Callout>
          </div>
        ) : null}
        <Card>
          <LoginForm next={target} />
        </Card>
      </div>
    </main>
  );
}
