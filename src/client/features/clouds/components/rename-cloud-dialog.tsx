import * as React from 'react';
import { cloudNameSchema, type Cloud } from '#contract/clouds.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRenameCloudMutation } from '../api/rename-cloud.ts';

/** Controlled by the caller so it can open from a menu item or a button. */
export function RenameCloudDialog({
  cloud,
  open,
  onOpenChange,
}: {
  cloud: Pick<Cloud, 'id' | 'name'>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>Rename {cloud.name}</DialogTitle>
        <DialogDescription>Workloads, grants and ownership stay as they are.</DialogDescription>
        <RenameCloudForm cloud={cloud} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function RenameCloudForm({ cloud, onDone }: { cloud: Pick<Cloud, 'id' | 'name'>; onDone: () => void }) {
  const [name, setName] = React.useState(cloud.name);
  const [error, setError] = React.useState<string | undefined>();
  const rename = useRenameCloudMutation({
    onSuccess: (renamed) => {
      toast.success(`Renamed to ${renamed.name}`);
      onDone();
    },
    onError: (failure) => setError(failure.message),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = cloudNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    rename.mutate({ id: cloud.id, name: parsed.data });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field id="rename-cloud-name" label="Name" error={error}>
        <Input
          id="rename-cloud-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? 'rename-cloud-name-error' : undefined}
          autoComplete="off"
          maxLength={100}
          autoFocus
        />
      </Field>
      <DialogFooter>
        <Button type="submit" pending={rename.isPending}>
          {rename.isPending ? 'Renaming…' : 'Rename cloud'}
        </Button>
      </DialogFooter>
    </form>
  );
}
