import * as React from 'react';
import type { Cloud } from '#contract/clouds.ts';
import type { Collaborator } from '#contract/members.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { cloudQueries } from '../api/cloud-queries.ts';
import { toast } from '../../../lib/toast.ts';
import { useGrantCloudAccessMutation } from '../api/grant-cloud-access.ts';
import { keepDialogOpenOnComboboxEscape, MemberCombobox } from '../../../components/member-combobox.tsx';

export function AddMembersDialog({ cloud }: { cloud: Cloud }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Add members</Button>
      </DialogTrigger>
      <DialogContent onEscapeKeyDown={keepDialogOpenOnComboboxEscape}>
        <DialogTitle>Add members to {cloud.name}</DialogTitle>
        <DialogDescription>
          They can see this cloud and create workloads on it. Only existing members of your organization can
          be added; invite new people from Organization settings first.
        </DialogDescription>
        <AddMembersForm cloud={cloud} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddMembersForm({ cloud, onDone }: { cloud: Cloud; onDone: () => void }) {
  const [chosen, setChosen] = React.useState<Collaborator[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const grant = useGrantCloudAccessMutation({
    onSuccess: (result) => {
      const added = result.results.filter((entry) => entry.outcome === 'granted');
      const already = result.results.length - added.length;
      toast.success(
        added.length > 0
          ? `Added ${listNames(added.map((entry) => entry.name))} to ${cloud.name}`
          : 'Nothing changed',
        already > 0 ? `${already} already had access.` : undefined,
      );
      onDone();
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setError('Choose at least one member.');
      return;
    }
    grant.mutate({ cloudId: cloud.id, userIds: chosen.map((member) => member.user_id) });
  };
  const count = chosen.length;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <MemberCombobox
        search={cloudQueries.grantCandidates(cloud.id)}
        id="add-members"
        label="Members"
        multiple
        autoFocus
        panel="reserved"
        selected={chosen}
        onChange={(next) => {
          setChosen(next);
          setError(null);
        }}
        disabledReason={(member) =>
          member.id === cloud.owner?.id ? 'Already has access (owns this cloud)' : null
        }
      />
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" pending={grant.isPending}>
          {grant.isPending
            ? 'Adding…'
            : count === 0
              ? 'Add members'
              : `Add ${count} ${count === 1 ? 'member' : 'members'}`}
        </Button>
      </DialogFooter>
    </form>
  );
}

function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
