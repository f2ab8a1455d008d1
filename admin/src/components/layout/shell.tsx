import type { ReactNode } from 'react';
import type { Session } from '@/lib/session-token';
import { ActionScope } from '../ui/action-scope';
import { Sidebar } from './sidebar';

export function Shell({ session, children }: { session: Session; children: ReactNode }) {
  return (
    <div className="lg:flex lg:min-h-screen">
      <Sidebar session={session} />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
        <ActionScope>{children}</ActionScope>
      </main>
    </div>
  );
}
