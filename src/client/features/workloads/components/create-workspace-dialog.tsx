import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { workloadNameSchema } from '#contract/workloads.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { Input, Select } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { toast } from '../../../lib/toast.ts';
import { useCreateWorkspaceMutation } from '../api/create-workspace.ts';
import { workloadQueries } from '../api/workload-queries.ts';

/**
 * "New workspace" on a cloud you can use. With `cloud` given (a cloud's page)
 * the workspace goes there; otherwise you pick one of your clouds.
 */
export function CreateWorkspaceDialog({
  cloud,
  isOwner = false,
}: {
  /** With `create_blocked_reason` set (a read-only role), the button is disabled and says why. */
  cloud?: { id: string; name: string; create_blocked_reason?: string | null };
  /** Owners are told to register a cloud; collaborators whom to ask. */
  isOwner?: boolean;
}) {
  const [open, setOpen] = React.useState(false);
  const clouds = useQuery({ ...workloadQueries.cloudOptions(), enabled: !cloud });
  // Only clouds where you may create workloads (a read-only role sees them, and creates nothing).
  const writable = clouds.data?.results.filter((option) => !option.create_blocked_reason);
  let blocked: string | null = null;
  if (cloud?.create_blocked_reason) blocked = cloud.create_blocked_reason;
  else if (!cloud && clouds.data?.results.length === 0)
    blocked = isOwner
      ? 'You have no cloud to run it on. Register one on the Clouds page first.'
      : 'You have no cloud to run it on. Ask an organization owner for access.';
  else if (!cloud && writable?.length === 0)
    blocked =
      'Your clouds are read only for you. Ask an organization owner or a cloud owner for write access.';
  if (blocked) {
    return (
      <div className="flex flex-col items-start gap-1 sm:max-w-72 sm:items-end sm:text-right">
        <Button disabled aria-describedby="new-workspace-reason">
          New workspace
        </Button>
        <p id="new-workspace-reason" className="text-xs text-slate-600 dark:text-slate-400">
          {blocked}
        </p>
      </div>
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>New workspace</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>New workspace{cloud ? ` on ${cloud.name}` : ''}</DialogTitle>
        <DialogDescription>It belongs to you. You can terminate or duplicate it later.</DialogDescription>
        <CreateWorkspaceForm fixedCloud={cloud} clouds={writable} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateWorkspaceForm({
  fixedCloud,
  clouds,
  onDone,
}: {
  fixedCloud?: { id: string; name: string };
  clouds: { id: string; name: string }[] | undefined;
  onDone: () => void;
}) {
  const [name, setName] = React.useState('');
  const [cloudId, setCloudId] = React.useState('');
  const [errors, setErrors] = React.useState<{ name?: string; cloud?: string; form?: string }>({});
  const create = useCreateWorkspaceMutation({
    onSuccess: (workspace) => {
      toast.success(`Created workspace ${workspace.name}`, `On ${workspace.cloud.name}.`);
      onDone();
    },
    onError: (error) => setErrors({ form: error.message }),
  });
  const chosenCloud = fixedCloud?.id ?? (cloudId || (clouds?.length === 1 ? clouds[0]!.id : ''));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = workloadNameSchema.safeParse(name);
    const next = {
      name: parsed.success ? undefined : parsed.error.issues[0]?.message,
      cloud: chosenCloud ? undefined : 'Choose a cloud.',
    };
    setErrors(next);
    if (!parsed.success || !chosenCloud) return;
    create.mutate({ cloudId: chosenCloud, name: parsed.data });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field id="workspace-name" label="Name" error={errors.name}>
        <Input
          id="workspace-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={Boolean(errors.name) || undefined}
          aria-describedby={errors.name ? 'workspace-name-error' : undefined}
          autoComplete="off"
          maxLength={100}
          autoFocus
        />
      </Field>
      {!fixedCloud && (
        <Field id="workspace-cloud" label="Cloud" error={errors.cloud}>
          <Select
            id="workspace-cloud"
            value={chosenCloud}
            onChange={(event) => setCloudId(event.target.value)}
            aria-invalid={Boolean(errors.cloud) || undefined}
            aria-describedby={errors.cloud ? 'workspace-cloud-error' : undefined}
            className="w-full"
            disabled={!clouds}
          >
            {!clouds ? (
              <option value="">Loading your clouds…</option>
            ) : (
              <option value="">Choose a cloud</option>
            )}
            {clouds?.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {errors.form && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {errors.form}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" pending={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create workspace'}
        </Button>
      </DialogFooter>
    </form>
  );
}
