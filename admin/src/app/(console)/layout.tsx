import type { ReactNode } from 'react';
import { Shell } from '@/components/layout/shell';
import { requireSession } from '@/lib/auth';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return <Shell session={session}>{children}</Shell>;
}
