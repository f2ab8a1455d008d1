'use client';

import { RiMoonLine, RiSunLine } from '@remixicon/react';
import { useEffect, useState } from 'react';
import { type Theme, themeCookie } from '@/lib/theme';

function shownTheme(): Theme {
  const root = document.documentElement;
  if (root.classList.contains('dark')) {
    return 'dark';
  }
  if (root.classList.contains('light')) {
    return 'light';
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switches light and dark; the choice is kept in a cookie so the server renders it next time. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | undefined>(undefined);
  useEffect(() => setTheme(shownTheme()), []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';

  function toggle() {
    const root = document.documentElement;
    root.classList.remove('light', 'dark');
    root.classList.add(next);
    // biome-ignore lint/suspicious/noDocumentCookie: a one-line preference; the Cookie Store API is not in every browser the console supports
    document.cookie = `${themeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      className="inline-flex items-center gap-2 rounded-tremor-default px-3 py-2 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle"
    >
      {theme === 'dark' ? (
        <RiSunLine className="size-4" aria-hidden="true" />
      ) : (
        <RiMoonLine className="size-4" aria-hidden="true" />
      )}
      <span>{theme === 'dark' ? 'Light' : 'Dark'} theme</span>
    </button>
  );
}
