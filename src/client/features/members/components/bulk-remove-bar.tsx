import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';

/**
 * Appears over the result count while rows are selected, at the count's own
 * height, so the table below never moves. With owners in the selection it
 * removes the collaborators and says how many owners it leaves out (owners are
 * removed one at a time: made a collaborator, then removed).
 */
export function BulkRemoveBar({
  selected,
  onClear,
  onRemove,
  onChangeRole,
}: {
  selected: Collaborator[];
  onClear: () => void;
  /** The people to remove, and the owners left out of it. */
  onRemove: (members: Collaborator[], leftOut: Collaborator[]) => void;
  onChangeRole: (role: PermissionLevel) => void;
}) {
  const count = selected.length;
  const owners = selected.filter((member) => member.permission_level === 'owner');
  const collaborators = selected.filter((member) => member.permission_level !== 'owner');
  const mixed = owners.length > 0 && collaborators.length > 0;
  const removing = mixed ? collaborators.length : count;
  const noun = mixed
    ? removing === 1
      ? 'collaborator'
      : 'collaborators'
    : removing === 1
      ? 'member'
      : 'members';
  return (
    <div
      role="region"
      aria-label="Selected members"
      className="absolute inset-0 flex items-center gap-2 overflow-x-auto rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50 dark:bg-indigo-950/40 px-2 text-sm whitespace-nowrap"
    >
      <span className="font-medium text-indigo-950 dark:text-indigo-100">
        {count.toLocaleString()} selected
      </span>
      {mixed && (
        // Phones: the removal dialog names them; the bar keeps its room for the buttons.
        <span className="hidden text-indigo-950 sm:inline dark:text-indigo-100">
          · {owners.length === 1 ? `owner ${owners[0]!.name}` : `${owners.length} owners`} left out of removal
        </span>
      )}
      <Button variant="ghost" size="sm" className="h-7 px-2" onClick={onClear}>
        <span aria-hidden className="sm:hidden">
          ✕
        </span>
        <span className="sr-only sm:not-sr-only">Clear selection</span>
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" size="sm" className="h-7 px-2">
            <span className="sr-only sm:not-sr-only">Change role</span>
            <span aria-hidden className="sm:hidden">
              Role
            </span>{' '}
            <span aria-hidden>▾</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuItem onSelect={() => onChangeRole('owner')}>Make owners…</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => onChangeRole('collaborator')}>
            Make collaborators…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button
        variant="danger"
        size="sm"
        className="h-7 px-2"
        onClick={() => (mixed ? onRemove(collaborators, owners) : onRemove(selected, []))}
      >
        {/* Phones show "Remove 3"; the name is always "Remove 3 members". */}
        Remove {removing.toLocaleString()} <span className="sr-only sm:not-sr-only">{noun}</span>
      </Button>
    </div>
  );
}
