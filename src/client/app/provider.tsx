import * as React from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useToasts } from '../lib/toast.ts';
import { queryClient } from './query.ts';

// The toast viewport (and Radix Toast with it) loads with the first toast, not with the page.
const Toaster = React.lazy(() =>
  import('../components/ui/toaster.tsx').then((module) => ({ default: module.Toaster })),
);

function LazyToaster() {
  const toasts = useToasts();
  // Kept once mounted, so the last toast still animates out and Radix keeps its viewport.
  const [needed, setNeeded] = React.useState(false);
  if (toasts.length > 0 && !needed) setNeeded(true);
  if (!needed) return null;
  return (
    <React.Suspense fallback={null}>
      <Toaster />
    </React.Suspense>
  );
}

export function AppProvider({ children }: { children: React.ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <LazyToaster />
    </QueryClientProvider>
  );
}
