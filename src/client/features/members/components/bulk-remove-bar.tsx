import type { Collaborator } from '../../../../contract/members.ts';
import type { PermissionLevel } from '../../../../contract/roles.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';

/** Appears above the table while rows are selected. */
export function BulkRemoveBar({
  selected,
  onClear,
  onRemove,
  onChangeRole,
}: {
  selected: Collaborator[];
  onClear: () => void;
  onRemove: () => void;
  onChangeRole: (role: PermissionLevel) => void;
}) {
  const count = selected.length;
  const owners = selected.filter((member) => member.permission_level === 'owner').length;
  return (
    <div
      role="region"
      aria-label="Selected members"
      className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm"
    >
      <span className="font-medium text-indigo-950">{count.toLocaleString()} selected</span>
      {owners > 0 && (
        <span className="text-indigo-950">
          · includes {owners === 1 ? 'an owner' : `${owners} owners`} (downgrade before removing)
        </span>
      )}
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear selection
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" size="sm">
            Change role <span aria-hidden>▾</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuItem onSelect={() => onChangeRole('owner')}>Make owners…</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => onChangeRole('collaborator')}>
            Make collaborators…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button variant="danger" size="sm" onClick={onRemove}>
        Remove {count.toLocaleString()} {count === 1 ? 'member' : 'members'}
      </Button>
    </div>
  );
}
