import * as React from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { toast } from '../../../lib/toast.ts';
import { useCreateGroupMutation } from '../api/create-group.ts';
import { GroupNameField, parseGroupName } from './group-name-field.tsx';

/** "Create group": a name, then the group's page to add members. */
export function CreateGroupDialog() {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Create group</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Create group</DialogTitle>
        <DialogDescription>
          Next you add its members; then grant it clouds from each cloud’s Manage users.
        </DialogDescription>
        <CreateGroupForm onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = React.useState('');
  const [error, setError] = React.useState<string | undefined>();
  const create = useCreateGroupMutation({
    onSuccess: (group) => {
      toast.success(`Created ${group.name}`, 'Add its members next.');
      onDone();
      void navigate(`/settings/groups/${encodeURIComponent(group.id)}`);
    },
    onError: (failure) => setError(failure.message),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = parseGroupName(name);
    setError(parsed.error);
    if (parsed.name !== undefined) create.mutate({ name: parsed.name });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <GroupNameField id="create-group-name" value={name} onChange={setName} error={error} />
      <DialogFooter>
        <Button type="submit" pending={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create group'}
        </Button>
      </DialogFooter>
    </form>
  );
}
