import * as ToastPrimitive from '@radix-ui/react-toast';
import { cn } from '../../lib/cn.ts';
import { toast, useToasts } from '../../lib/toast.ts';

const tone = {
  success:
    'border-emerald-300 dark:border-emerald-700 bg-emerald-50 dark:bg-emerald-950/40 text-emerald-950 dark:text-emerald-100',
  error: 'border-red-300 dark:border-red-700 bg-red-50 dark:bg-red-950/40 text-red-950 dark:text-red-100',
  info: 'border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-slate-900 dark:text-slate-100',
} as const;

/** Renders the toasts pushed through `toast.*`; errors are announced assertively. */
export function Toaster() {
  const items = useToasts();
  return (
    <ToastPrimitive.Provider swipeDirection="right" duration={6000}>
      {items.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          type={item.kind === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && toast.dismiss(item.id)}
          className={cn('flex items-start gap-3 rounded-md border p-3 shadow-md', tone[item.kind])}
        >
          <div className="flex-1">
            <ToastPrimitive.Title className="text-sm font-medium">{item.title}</ToastPrimitive.Title>
            {item.description && (
              <ToastPrimitive.Description className="mt-0.5 text-sm">
                {item.description}
              </ToastPrimitive.Description>
            )}
          </div>
          {item.action && (
            <ToastPrimitive.Action
              altText={`${item.action.label}: ${item.title}`}
              onClick={item.action.onClick}
              className="rounded border border-current px-2 py-0.5 text-sm font-medium hover:bg-white/60 dark:hover:bg-slate-900/60"
            >
              {item.action.label}
            </ToastPrimitive.Action>
          )}
          <ToastPrimitive.Close
            aria-label="Dismiss notification"
            className="rounded px-1 text-sm opacity-70 hover:opacity-100"
          >
            ✕
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </ToastPrimitive.Provider>
  );
}
