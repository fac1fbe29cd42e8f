import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Group } from '#contract/groups.ts';
import { CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { Button } from '../../../components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { toast } from '../../../lib/toast.ts';
import { useDeleteGroupMutation } from '../api/delete-group.ts';
import { groupQueries } from '../api/group-queries.ts';
import { AccessChangeList } from './access-change-list.tsx';
import { countLabel } from './group-labels.tsx';

/**
 * Deleting a group ends the cloud access it gave. The dialog reads what would
 * change (per cloud, whose role drops and to what) when it opens, and says it
 * before anyone confirms.
 */
export function DeleteGroupDialog({
  group,
  open,
  onOpenChange,
  afterDelete = 'stay',
}: {
  group: Pick<Group, 'id' | 'name'>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** From the group's own page, go back to the list once it is gone. */
  afterDelete?: 'stay' | 'list';
}) {
  const navigate = useNavigate();
  const preview = useQuery({ ...groupQueries.deletionPreview(group.id), enabled: open });
  const remove = useDeleteGroupMutation({
    onSuccess: () => {
      toast.success(`Deleted ${group.name}`);
      onOpenChange(false);
      if (afterDelete === 'list') void navigate('/settings/groups');
    },
  });
  const data = preview.data;
  let summary: string;
  if (!data) summary = 'Checking what access this group gives…';
  else if (data.clouds.length === 0)
    summary = 'It gives no cloud access, so nobody loses any. Its members stay in the organization.';
  else if (data.people_losing_access === 0)
    summary =
      'Everyone in it keeps their access another way (directly, or through another group). Its members stay in the organization.';
  else
    summary = `${countLabel(data.people_losing_access, 'person loses', 'people lose')} access on their next request, as listed below. Its members stay in the organization.`;

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogTitle>Delete {group.name}?</AlertDialogTitle>
        <AlertDialogDescription>{summary}</AlertDialogDescription>
        {preview.isPending ? (
          <Skeleton className="h-12 w-full" />
        ) : preview.isError ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-200">
            What this group gives could not be loaded: {preview.error.message}
          </p>
        ) : (
          data &&
          data.clouds.length > 0 && (
            <ul
              aria-label="Cloud access that ends"
              className="max-h-60 divide-y divide-slate-100 dark:divide-slate-800 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 text-sm"
            >
              {data.clouds.map((entry) => (
                <li key={entry.cloud.id} className="flex flex-col gap-1 px-3 py-2">
                  <div className="flex items-center justify-between gap-3">
                    <span className="min-w-0 font-medium break-words text-slate-900 dark:text-slate-100">
                      {entry.cloud.name}
                    </span>
                    <CloudRoleText role={entry.role} />
                  </div>
                  <AccessChangeList changes={entry.changes} />
                </li>
              ))}
            </ul>
          )
        )}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={remove.isPending}
            disabled={!data}
            onClick={() => remove.mutate(group.id)}
          >
            {remove.isPending ? 'Deleting…' : `Delete ${group.name}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
