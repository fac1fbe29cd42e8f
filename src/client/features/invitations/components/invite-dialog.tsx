import * as React from 'react';
import { Button } from '../../../components/ui/button.tsx';

// The dialog (Radix's primitive, then the form) loads on first intent: hover, focus or a press.
const loadDialog = () => import('./invite-dialog-content.tsx');
const InviteDialogContent = React.lazy(() =>
  loadDialog().then((module) => ({ default: module.InviteDialogContent })),
);

/** "Invite teammates": the button and its dialog. Owners only (the server refuses anyone else). */
export function InviteDialog() {
  const [open, setOpen] = React.useState(false);
  const [opened, setOpened] = React.useState(false);
  const button = React.useRef<HTMLButtonElement>(null);
  const preload = () => void loadDialog().catch(() => {});
  return (
    <>
      <Button
        ref={button}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        Invite teammates
      </Button>
      {opened && (
        <React.Suspense fallback={null}>
          <InviteDialogContent open={open} onOpenChange={setOpen} returnFocusTo={button} />
        </React.Suspense>
      )}
    </>
  );
}
