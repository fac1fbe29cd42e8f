import * as React from 'react';

// Controls whose library code (menus, tooltips) loads on first intent rather than with the page:
// a plain trigger renders until the module is there, then the real control takes its place.
let version = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const getVersion = () => version;

/** Re-renders when any deferred module arrives (e.g. so a roving tabindex sees the new controls). */
export function useDeferredVersion(): number {
  return React.useSyncExternalStore(subscribe, getVersion, getVersion);
}

const focusable = 'button, a[href], [tabindex]';
// The stand-in that had focus when its module arrived, found by its holder (which stays in the page).
let focusHolder: Element | null = null;

export function deferred<Module>(load: () => Promise<Module>) {
  let loaded: Module | null = null;
  let loading: Promise<Module> | null = null;
  const preload = () => {
    loading ??= load().then(
      (module) => {
        loaded = module;
        focusHolder = document.activeElement?.closest('[data-deferred]') ?? null;
        version++;
        for (const listener of listeners) listener();
        return module;
      },
      (error: unknown) => {
        // Offline or a stale deployment: the next intent tries again.
        loading = null;
        throw error;
      },
    );
    loading.catch(() => {});
  };
  return {
    preload,
    /** The module once loaded, else null (the caller renders its plain trigger). */
    useModule(): Module | null {
      useDeferredVersion();
      return loaded;
    },
  };
}

/**
 * A ref for the element holding a stand-in (`<span data-deferred className="contents">`):
 * once the real control has replaced the stand-in, it takes focus if the stand-in had it.
 */
export function useDeferredHolder(loaded: boolean) {
  const holder = React.useRef<HTMLSpanElement>(null);
  React.useLayoutEffect(() => {
    if (!loaded || !holder.current || holder.current !== focusHolder) return;
    focusHolder = null;
    holder.current.querySelector<HTMLElement>(focusable)?.focus();
  }, [loaded]);
  return holder;
}

const openKeys = new Set(['Enter', ' ', 'ArrowDown']);

/**
 * Props for the plain stand-in of a menu trigger: hovering or focusing it
 * starts loading, pressing it (pointer, Enter, Space, ArrowDown) opens the
 * menu as soon as it is there.
 */
export function useDeferredTrigger(preload: () => void) {
  const [openOnLoad, setOpenOnLoad] = React.useState(false);
  const props = {
    'aria-haspopup': 'menu' as const,
    'aria-expanded': false,
    'data-state': 'closed',
    onPointerEnter: preload,
    onFocus: preload,
    onPointerDown: (event: React.PointerEvent) => {
      if (event.button !== 0 || event.ctrlKey) return;
      event.preventDefault();
      setOpenOnLoad(true);
      preload();
    },
    onKeyDown: (event: React.KeyboardEvent) => {
      if (!openKeys.has(event.key)) return;
      event.preventDefault();
      setOpenOnLoad(true);
      preload();
    },
  };
  return { openOnLoad, props };
}
