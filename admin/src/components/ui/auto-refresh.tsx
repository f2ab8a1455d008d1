'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the page on the server every few seconds while the tab is visible. */
export function AutoRefresh({ everyMs, renderedAt }: { everyMs: number; renderedAt: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') {
        router.refresh();
      }
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return (
    <p
      className="text-tremor-label text-tremor-content dark:text-dark-tremor-content"
      aria-live="off"
    >
      Refreshes every {everyMs / 1000} s · last at {renderedAt.slice(11, 19)} UTC
    </p>
  );
}
