import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { themeCookie, themeOf } from '@/lib/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Trellis admin', template: '%s · Trellis admin' },
  description: 'Operate the Trellis platform: services, users, orders and meetings.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = themeOf((await cookies()).get(themeCookie)?.value);
  return (
    <html lang="en" className={theme ?? undefined}>
      <body className="min-h-screen bg-tremor-background-muted text-tremor-content antialiased dark:bg-dark-tremor-background-muted dark:text-dark-tremor-content">
        {children}
      </body>
    </html>
  );
}
