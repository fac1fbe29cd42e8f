import * as React from 'react';
import { isTyping } from './roving-rows.ts';

/** `?` (Shift+/) opens the shortcuts, unless the person is typing or a dialog is already open. */
export function useQuestionMarkShortcut(open: () => void) {
  React.useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      open();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
}
