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
import { useTransferCloudOwnershipMutation } from '../api/transfer-cloud-ownership.ts';
import { implicitOwnerLabel } from './cloud-owner.tsx';
import { keepDialogOpenOnComboboxEscape, MemberCombobox } from '../../../components/member-combobox.tsx';

/** Pick a member to become the explicit owner; the dialog spells out what changes before confirming. */
export function TransferOwnershipDialog({ cloud }: { cloud: Cloud }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Transfer ownership</Button>
      </DialogTrigger>
      <DialogContent onEscapeKeyDown={keepDialogOpenOnComboboxEscape}>
        <DialogTitle>Transfer ownership of {cloud.name}</DialogTitle>
        <DialogDescription>
          Currently owned by {cloud.owner ? cloud.owner.name : implicitOwnerLabel.toLowerCase()}.
        </DialogDescription>
        <TransferForm cloud={cloud} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function TransferForm({ cloud, onDone }: { cloud: Cloud; onDone: () => void }) {
  const [chosen, setChosen] = React.useState<Collaborator[]>([]);
  const next = chosen[0];
  const transfer = useTransferCloudOwnershipMutation({
    onSuccess: (updated) => {
      toast.success(
        `${updated.owner?.name ?? 'The organization owners'} now own${updated.owner ? 's' : ''} ${updated.name}`,
      );
      onDone();
    },
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (next) transfer.mutate({ cloudId: cloud.id, userId: next.user_id });
      }}
    >
      <MemberCombobox
        search={cloudQueries.memberSearch}
        id="new-cloud-owner"
        label="New owner"
        autoFocus
        selected={chosen}
        onChange={setChosen}
        disabledReason={(member) => (member.id === cloud.owner?.id ? 'Already owns this cloud' : null)}
      />
      <div
        aria-live="polite"
        className="rounded-md bg-slate-50 dark:bg-slate-800/50 px-3 py-2 text-sm text-slate-700 dark:text-slate-300"
      >
        {next ? (
          <ul className="list-disc space-y-1 pl-4">
            <li>
              {next.name} becomes the owner of {cloud.name} and can use it
              {next.permission_level === 'owner'
                ? ' (as an organization owner they already can)'
                : ', even without a grant'}
              .
            </li>
            <li>
              {cloud.owner
                ? `${cloud.owner.name} no longer owns it, and keeps access only as an organization owner or through a grant.`
                : 'Organization owners keep their access to it, as to every cloud.'}
            </li>
            <li>Workloads on {cloud.name} are not affected.</li>
          </ul>
        ) : (
          'Choose the member who should own this cloud. You can return it to the organization owners at any time.'
        )}
      </div>
      <DialogFooter>
        <Button
          type="submit"
          pending={transfer.isPending}
          disabled={!next}
          aria-describedby={next ? undefined : 'transfer-needs-member'}
        >
          {transfer.isPending ? 'Transferring…' : next ? `Transfer to ${next.name}` : 'Transfer ownership'}
        </Button>
      </DialogFooter>
      {!next && (
        <p id="transfer-needs-member" className="sr-only">
          Choose a new owner first.
        </p>
      )}
    </form>
  );
}
