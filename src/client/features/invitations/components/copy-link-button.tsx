import * as React from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { toast } from '../../../lib/toast.ts';

/**
 * Copies an invitation link. Where the clipboard is unavailable (plain http on
 * another host), the link is shown selected in a read-only field instead.
 */
export function CopyLinkButton({ link, email }: { link: string; email: string }) {
  const [state, setState] = React.useState<'idle' | 'copied' | 'manual'>('idle');
  if (state === 'manual') {
    return (
      <input
        readOnly
        autoFocus
        value={link}
        aria-label={`Invitation link for ${email}`}
        onFocus={(event) => event.currentTarget.select()}
        className="h-8 w-full min-w-0 rounded-md border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-800/50 px-2 text-xs text-slate-800 dark:text-slate-200"
      />
    );
  }
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      aria-label={`${state === 'copied' ? 'Copied' : 'Copy link'} for ${email}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(link);
          setState('copied');
          toast.success('Link copied', `Share it only with ${email}: it works once.`);
        } catch {
          setState('manual');
        }
      }}
    >
      {state === 'copied' ? 'Copied' : 'Copy link'}
    </Button>
  );
}
