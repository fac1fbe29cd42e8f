import * as ToastPrimitive from '@radix-ui/react-toast';
import { cn } from '../../lib/cn.ts';
import { toast, useToasts } from '../../lib/toast.ts';

const tone = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  error: 'border-red-300 bg-red-50 text-red-950',
  info: 'border-slate-300 bg-white text-slate-900',
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
              className="rounded border border-current px-2 py-0.5 text-sm font-medium hover:bg-white/60"
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
