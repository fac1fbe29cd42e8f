import * as React from 'react';
import type { CloudAccessEntry } from '#contract/clouds.ts';
import { accessSourceLabel } from '../../../components/access-source.tsx';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../../components/ui/alert-dialog.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRevokeCloudAccessMutation } from '../api/revoke-cloud-access.ts';

/**
 * Removes a person's direct grant. Access they have another way (a group, the
 * cloud's ownership) stays, and both the dialog and the result say so.
 */
export function RemoveAccessDialog({
  cloud,
  person,
}: {
  cloud: { id: string; name: string };
  person: CloudAccessEntry;
}) {
  const [open, setOpen] = React.useState(false);
  const others = person.sources.filter((source) => source.type !== 'grant');
  const revoke = useRevokeCloudAccessMutation({
    onSuccess: () => {
      // Sources come strongest first: the first one left is the role they keep.
      const kept = others[0];
      toast.success(
        `Removed ${person.name}’s direct grant on ${cloud.name}`,
        kept
          ? `Still has ${cloudRoleLabels[kept.role]} via ${others.map(keptVia).join(', ')}.`
          : 'They no longer have access.',
      );
      setOpen(false);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Remove ${person.name}’s direct grant`}>
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>
          Remove {person.name}’s direct grant on {cloud.name}?
        </AlertDialogTitle>
        <AlertDialogDescription>
          {others.length > 0
            ? `${person.name} keeps access another way: ${others.map(accessSourceLabel).join('; ')}. Only the direct ${person.grant ? cloudRoleLabels[person.grant.role] : ''} grant goes.`
            : `${person.name} will no longer see ${cloud.name} or be able to create workloads on it, starting with their next request.`}{' '}
          Workloads they already run there keep running; you can terminate them from Workloads.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={revoke.isPending}
            onClick={() => revoke.mutate({ cloudId: cloud.id, userId: person.user_id })}
          >
            {revoke.isPending ? 'Removing…' : 'Remove grant'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** "Data Science" for a group, else the source in words. */
function keptVia(source: CloudAccessEntry['sources'][number]): string {
  return source.type === 'group' ? source.group.name : accessSourceLabel(source).toLowerCase();
}
