'use client';

import { usePathname } from 'next/navigation';
import { createContext, type ReactNode, useContext, useEffect, useId, useState } from 'react';

interface Scope {
  /** The notice that spoke last on this page; undefined until one does. */
  latest: string | undefined;
  claim(id: string): void;
}

const ActionScopeContext = createContext<Scope | null>(null);

/**
 * The console's pages keep one notice at a time: whatever the last action on the page said
 * (or the page was sent back with) replaces what an earlier one said. Leaving the page forgets.
 */
export function ActionScope({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [latest, setLatest] = useState<{ pathname: string; id: string }>();
  const scope: Scope = {
    latest: latest?.pathname === pathname ? latest.id : undefined,
    claim: (id) => setLatest({ pathname, id }),
  };
  return <ActionScopeContext.Provider value={scope}>{children}</ActionScopeContext.Provider>;
}

/**
 * Whether a notice is the one to show. A notice claims the page when it appears and whenever
 * `said` changes (each answer of a server action is a new object), and hides once another
 * claims it. A page's own banner (`opening`) shows until any action speaks.
 */
export function useLatestNotice(said: unknown, shown: boolean, opening = false): boolean {
  const scope = useContext(ActionScopeContext);
  const id = useId();
  const claim = scope?.claim;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer is what re-claims
  useEffect(() => {
    if (shown) {
      claim?.(id);
    }
  }, [said, shown]);
  if (!scope || !shown) {
    return shown;
  }
  return scope.latest === id || (opening && scope.latest === undefined);
}
