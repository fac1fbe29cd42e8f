import * as React from 'react';

/** What the person chose in the user menu; `system` follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

// The same key public/theme.js reads before first paint.
const storageKey = 'roster-theme';
const media = (): MediaQueryList | undefined =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice) {
  const dark = choice === 'dark' || (choice === 'system' && Boolean(media()?.matches));
  document.documentElement.classList.toggle('dark', dark);
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  apply(choice);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // "System" follows the operating system while the page is open.
  const onSystemChange = () => {
    if (readChoice() === 'system') apply('system');
    listener();
  };
  const query = media();
  query?.addEventListener('change', onSystemChange);
  return () => {
    listeners.delete(listener);
    query?.removeEventListener('change', onSystemChange);
  };
}

export function useThemeChoice(): ThemeChoice {
  return React.useSyncExternalStore(subscribe, readChoice, () => 'system');
}
