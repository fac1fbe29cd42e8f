import * as React from 'react';
import { Dialog, DialogContent, DialogTitle } from '../../../components/ui/dialog.tsx';

// The form (address parsing, the lookup preview, cloud picker, results) loads when the dialog first opens.
const InviteForm = React.lazy(() =>
  import('./invite-form.tsx').then((module) => ({ default: module.InviteForm })),
);

/** The invite dialog itself; focus returns to the button that opened it. */
export function InviteDialogContent({
  open,
  onOpenChange,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: React.RefObject<HTMLButtonElement | null>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="max-w-xl"
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
      >
        <DialogTitle>Invite teammates</DialogTitle>
        {/* Mounted only while open, so every opening starts empty. */}
        <React.Suspense
          fallback={<p className="py-6 text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
        >
          <InviteForm />
        </React.Suspense>
      </DialogContent>
    </Dialog>
  );
}
