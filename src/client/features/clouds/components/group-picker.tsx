import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from '../api/cloud-queries.ts';

export type PickedGroup = { id: string; name: string };

const debounceMs = 250;

/**
 * Groups to grant a cloud: searched on the server by name, each a checkbox;
 * groups that already have access say with what role and cannot be picked
 * again (change their role in the list instead).
 */
export function GroupPicker({
  cloudId,
  selected,
  onChange,
}: {
  cloudId: string;
  selected: PickedGroup[];
  onChange: (groups: PickedGroup[]) => void;
}) {
  const id = React.useId();
  const [text, setText] = React.useState('');
  const [q, setQ] = React.useState('');
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  React.useEffect(() => () => clearTimeout(timer.current), []);
  const groups = useQuery(cloudQueries.groupSearch(q));
  const granted = useQuery(cloudQueries.groupGrants(cloudId));
  const roleOf = new Map(granted.data?.results.map((grant) => [grant.group.id, grant.role]));
  const chosen = new Set(selected.map((group) => group.id));

  let body: React.ReactNode;
  if (groups.isError) {
    body = (
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {isApiError(groups.error) && groups.error.status === 403
          ? 'Only organization owners can add groups.'
          : `Groups could not be loaded: ${groups.error.message}`}
      </p>
    );
  } else if (!groups.data) {
    body = <p className="text-xs text-slate-600 dark:text-slate-400">Loading groups…</p>;
  } else if (groups.data.results.length === 0) {
    body = (
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {q
          ? `No groups match “${q}”.`
          : 'Your organization has no groups yet (Organization settings › Groups).'}
      </p>
    );
  } else {
    const page = groups.data;
    body = (
      <>
        <ul
          aria-label="Groups"
          aria-busy={groups.isPlaceholderData || undefined}
          className="flex max-h-36 flex-col gap-1.5 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 p-2"
        >
          {page.results.map((group) => {
            const checkboxId = `${id}-${group.id}`;
            const hintId = `${checkboxId}-hint`;
            const role = roleOf.get(group.id);
            return (
              <li key={group.id} className="flex min-h-7 items-start gap-2">
                <Checkbox
                  id={checkboxId}
                  className="mt-0.5"
                  disabled={role !== undefined}
                  checked={role === undefined && chosen.has(group.id)}
                  aria-describedby={hintId}
                  onCheckedChange={(checked) =>
                    onChange(
                      checked === true
                        ? [...selected, { id: group.id, name: group.name }]
                        : selected.filter((picked) => picked.id !== group.id),
                    )
                  }
                />
                <div className="min-w-0">
                  <Label htmlFor={checkboxId} className="font-normal break-words">
                    {group.name}
                  </Label>
                  <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
                    {role
                      ? `Already has ${cloudRoleLabels[role]}`
                      : `${group.member_count.toLocaleString()} ${group.member_count === 1 ? 'member' : 'members'}`}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
        {page.metadata.total > page.results.length && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Showing {page.results.length} of {page.metadata.total.toLocaleString()} groups. Type to narrow the
            list.
          </p>
        )}
      </>
    );
  }

  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Groups</legend>
      <Input
        type="search"
        aria-label="Search groups"
        placeholder="Search groups"
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setQ(next.trim()), debounceMs);
        }}
      />
      {body}
      <p aria-live="polite" className="sr-only">
        {selected.length > 0
          ? `${selected.length} ${selected.length === 1 ? 'group' : 'groups'} chosen.`
          : ''}
      </p>
    </fieldset>
  );
}
