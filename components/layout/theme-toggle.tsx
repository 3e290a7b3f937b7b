'use client';

import { useSyncExternalStore } from 'react';

type Theme = 'light' | 'dark';

const SYSTEM_DARK = '(prefers-color-scheme: dark)';
/** The key public/theme.js reads before the first paint. */
const STORAGE_KEY = 'theme';
const CHANGED = 'themechange';

function subscribe(onChange: () => void): () => void {
  const system = window.matchMedia(SYSTEM_DARK);
  system.addEventListener('change', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    system.removeEventListener('change', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** The theme on screen: the reader's choice (applied by public/theme.js or `choose`), else the system's. */
function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia(SYSTEM_DARK).matches ? 'dark' : 'light';
}

function choose(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage is blocked: the choice lasts for this page only.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Switches between the light and dark theme and remembers the choice. The server cannot know
 * the theme, so the button is rendered disabled and without a state, and both icons are in the
 * HTML, the stylesheet showing the right one: nothing moves when the script takes over.
 */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => null);
  return (
    <button
      type="button"
      aria-label="Dark theme"
      aria-pressed={theme === null ? undefined : theme === 'dark'}
      disabled={theme === null}
      onClick={() => choose(theme === 'dark' ? 'light' : 'dark')}
      className="grid size-10 shrink-0 place-items-center rounded-full text-slate-700 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="size-5 dark:hidden"
        fill="currentColor"
      >
        <path d="M7.5 2.3a7.5 7.5 0 1 0 10.2 10.2A8 8 0 0 1 7.5 2.3Z" />
      </svg>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="hidden size-5 dark:block"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      >
        <circle cx="10" cy="10" r="3.5" />
        <path d="M10 1.5v2M10 16.5v2M1.5 10h2M16.5 10h2M4 4l1.4 1.4M14.6 14.6 16 16M4 16l1.4-1.4M14.6 5.4 16 4" />
      </svg>
    </button>
  );
}
