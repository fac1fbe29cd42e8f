import * as React from 'react';
import type { Cloud, CloudRole } from '#contract/clouds.ts';
import type { Collaborator } from '#contract/members.ts';
import { CloudRoleSelect } from '../../../components/cloud-role-select.tsx';
import { cloudRoleHints } from '../../../lib/cloud-roles.ts';
import { keepDialogOpenOnComboboxEscape, MemberCombobox } from '../../../components/member-combobox.tsx';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { toast } from '../../../lib/toast.ts';
import { cloudQueries } from '../api/cloud-queries.ts';
import { useGrantCloudAccessMutation } from '../api/grant-cloud-access.ts';
import { useGrantCloudGroupsMutation } from '../api/grant-cloud-groups.ts';
import { GroupPicker, type PickedGroup } from './group-picker.tsx';

/** "Add people or groups": members (searched on the server) and groups, with one role for all of them. */
export function AddAccessDialog({ cloud }: { cloud: Cloud }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Add people or groups</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl" onEscapeKeyDown={keepDialogOpenOnComboboxEscape}>
        <DialogTitle>Add people or groups to {cloud.name}</DialogTitle>
        <DialogDescription>
          Only existing members of your organization can be added; invite new people from Organization
          settings first. Someone who already has a direct grant gets the role you choose here.
        </DialogDescription>
        <AddAccessForm cloud={cloud} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddAccessForm({ cloud, onDone }: { cloud: Cloud; onDone: () => void }) {
  const [people, setPeople] = React.useState<Collaborator[]>([]);
  const [groups, setGroups] = React.useState<PickedGroup[]>([]);
  const [role, setRole] = React.useState<CloudRole>('write');
  const [error, setError] = React.useState<string | null>(null);
  const grantPeople = useGrantCloudAccessMutation();
  const grantGroups = useGrantCloudGroupsMutation();
  const pending = grantPeople.isPending || grantGroups.isPending;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (people.length === 0 && groups.length === 0) {
      setError('Choose at least one person or group.');
      return;
    }
    const [peopleResult, groupResult] = await Promise.allSettled([
      people.length > 0
        ? grantPeople.mutateAsync({ cloudId: cloud.id, userIds: people.map((m) => m.user_id), role })
        : Promise.resolve(null),
      groups.length > 0
        ? grantGroups.mutateAsync({ cloudId: cloud.id, groupIds: groups.map((g) => g.id), role })
        : Promise.resolve(null),
    ]);
    // Refusals already show an error toast; say what was added.
    const added = [
      ...(peopleResult.status === 'fulfilled' && peopleResult.value
        ? peopleResult.value.results.filter((entry) => entry.outcome !== 'already_granted')
        : []),
      ...(groupResult.status === 'fulfilled' && groupResult.value
        ? groupResult.value.results.filter((entry) => entry.outcome !== 'already_granted')
        : []),
    ].map((entry) => entry.name);
    if (peopleResult.status === 'rejected' || groupResult.status === 'rejected') {
      if (added.length > 0) toast.success(`Added ${listNames(added)} to ${cloud.name}`);
      return;
    }
    toast.success(added.length > 0 ? `Added ${listNames(added)} to ${cloud.name}` : 'Nothing changed');
    onDone();
  };

  const count = people.length + groups.length;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <MemberCombobox
        search={cloudQueries.grantCandidates(cloud.id)}
        id="add-access-people"
        label="People"
        multiple
        autoFocus
        panel="reserved"
        selected={people}
        onChange={(next) => {
          setPeople(next);
          setError(null);
        }}
        disabledReason={(member) =>
          member.id === cloud.owner?.id ? 'Already has access (owns this cloud)' : null
        }
      />
      <GroupPicker
        cloudId={cloud.id}
        selected={groups}
        onChange={(next) => {
          setGroups(next);
          setError(null);
        }}
      />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="add-access-role">Role</Label>
        <CloudRoleSelect
          id="add-access-role"
          value={role}
          onChange={setRole}
          label="Role"
          size="md"
          className="w-full sm:w-48"
          describedBy="add-access-role-hint"
        />
        <p id="add-access-role-hint" className="text-xs text-slate-600 dark:text-slate-400">
          {cloudRoleHints[role]}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" pending={pending}>
          {pending ? 'Adding…' : count === 0 ? 'Add' : `Add ${count} with ${roleWord(role)}`}
        </Button>
      </DialogFooter>
    </form>
  );
}

function roleWord(role: CloudRole): string {
  return role === 'readonly' ? 'read only' : role;
}

function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
