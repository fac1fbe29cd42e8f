import * as React from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx';

// The form (address parsing, the lookup preview, cloud picker, results) loads when the dialog first opens.
const InviteForm = React.lazy(() =>
  import('./invite-form.tsx').then((module) => ({ default: module.InviteForm })),
);

/** "Invite teammates": the button and its dialog. Owners only (the server refuses anyone else). */
export function InviteDialog() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>Invite teammates</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
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
