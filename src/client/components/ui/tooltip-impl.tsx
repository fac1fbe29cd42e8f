import * as TooltipPrimitive from '@radix-ui/react-tooltip';
import { cn } from '../../lib/cn.ts';
import type { TooltipProps } from './tooltip.tsx';

/** The hint with Radix (loaded on first hover or focus by tooltip.tsx). */
export function Tooltip({ content, children, className }: TooltipProps) {
  return (
    <TooltipPrimitive.Provider delayDuration={300}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            sideOffset={4}
            className={cn(
              'z-50 max-w-xs rounded bg-slate-900 dark:bg-slate-700 px-2 py-1 text-xs text-white shadow',
              className,
            )}
          >
            {content}
            <TooltipPrimitive.Arrow className="fill-slate-900 dark:fill-slate-100" />
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
