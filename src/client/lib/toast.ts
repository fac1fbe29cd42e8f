import { useSyncExternalStore } from 'react';

export type ToastItem = {
  id: number;
  kind: 'success' | 'error' | 'info';
  title: string;
  description?: string;
  /** One button in the toast, e.g. Undo. */
  action?: ToastAction;
};

export type ToastAction = { label: string; onClick: () => void };

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function push(kind: ToastItem['kind'], title: string, description?: string, action?: ToastAction) {
  items = [...items, { id: nextId++, kind, title, description, action }].slice(-4);
  emit();
}

/** Fire-and-forget notifications; rendered by <Toaster /> in the app provider. */
export const toast = {
  success: (title: string, description?: string, action?: ToastAction) =>
    push('success', title, description, action),
  error: (title: string, description?: string) => push('error', title, description),
  info: (title: string, description?: string) => push('info', title, description),
  dismiss: (id: number) => {
    items = items.filter((item) => item.id !== id);
    emit();
  },
};

export function useToasts(): ToastItem[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => items,
  );
}
