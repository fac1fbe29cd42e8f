import * as React from 'react';
import type { Group } from '#contract/groups.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRenameGroupMutation } from '../api/rename-group.ts';
import { GroupNameField, parseGroupName } from './group-name-field.tsx';

/** Controlled by the caller so it can open from a row menu or the group's page. */
export function RenameGroupDialog({
  group,
  open,
  onOpenChange,
}: {
  group: Pick<Group, 'id' | 'name'>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>Rename {group.name}</DialogTitle>
        <DialogDescription>Its members and the clouds it can use stay as they are.</DialogDescription>
        <RenameGroupForm group={group} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function RenameGroupForm({ group, onDone }: { group: Pick<Group, 'id' | 'name'>; onDone: () => void }) {
  const [name, setName] = React.useState(group.name);
  const [error, setError] = React.useState<string | undefined>();
  const rename = useRenameGroupMutation({
    onSuccess: (renamed) => {
      toast.success(`Renamed to ${renamed.name}`);
      onDone();
    },
    onError: (failure) => setError(failure.message),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = parseGroupName(name);
    setError(parsed.error);
    if (parsed.name !== undefined) rename.mutate({ id: group.id, name: parsed.name });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <GroupNameField id="rename-group-name" value={name} onChange={setName} error={error} />
      <DialogFooter>
        <Button type="submit" pending={rename.isPending}>
          {rename.isPending ? 'Renaming…' : 'Rename group'}
        </Button>
      </DialogFooter>
    </form>
  );
}
