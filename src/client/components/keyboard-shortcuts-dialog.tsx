import { Dialog, DialogContent, DialogDescription, DialogTitle } from './ui/dialog.tsx';

const shortcuts: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search members (on Members)' },
  { keys: ['↑', '↓'], what: 'Move between rows of the member table' },
  { keys: ['Home', 'End'], what: 'First or last row of the member table' },
  { keys: ['Enter'], what: 'Open the focused member’s page' },
  { keys: ['Tab'], what: 'From a row to its controls (select, role, actions), then on past the table' },
  { keys: ['Esc'], what: 'Close a dialog or menu' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

/** The console's keyboard shortcuts; opened from the user menu or with `?`. */
export function KeyboardShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription>Shortcuts work when you are not typing in a field.</DialogDescription>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Keyboard shortcuts</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What they do</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.what}>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {shortcut.keys.map((key) => (
                    <kbd
                      key={key}
                      className="mr-1 inline-block min-w-6 rounded border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-800/50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 dark:text-slate-200"
                    >
                      {key}
                    </kbd>
                  ))}
                </td>
                <td className="py-2 text-slate-700 dark:text-slate-300">{shortcut.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
