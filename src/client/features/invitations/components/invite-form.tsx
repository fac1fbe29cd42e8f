import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { maxInviteAddresses, parseInviteList } from '#contract/email-address.ts';
import type { InvitationCloudGrant, MailDeliveryMode } from '#contract/invitations.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { CloudRoleSelect } from '../../../components/cloud-role-select.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { DialogClose, DialogDescription, DialogFooter } from '../../../components/ui/dialog.tsx';
import { Textarea } from '../../../components/ui/input.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { useCreateInvitationsMutation } from '../api/create-invitations.ts';
import { invitationQueries } from '../api/invitation-queries.ts';
import { AddressPreview, type AddressStatus } from './address-preview.tsx';
import { InviteResults } from './invite-results.tsx';

const roleChoices: { value: PermissionLevel; label: string; hint: string }[] = [
  {
    value: 'collaborator',
    label: 'Collaborator',
    hint: 'Uses the clouds they are granted and sees who is in the organization.',
  },
  {
    value: 'owner',
    label: 'Owner',
    hint: 'Manages members, invitations, roles, every cloud and the organization’s settings.',
  },
];

/** How long typing pauses before the preview asks who these addresses already are. */
const lookupDelayMs = 300;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One sentence about how people get their link, whatever this server does with mail. */
function DeliveryNote({ mode }: { mode: MailDeliveryMode | undefined }) {
  const lifetime = 'Links expire after 7 days and work once.';
  if (mode === 'manual') {
    return (
      <DialogDescription className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-amber-950 dark:text-amber-100">
        This server sends no email: after inviting, copy each person’s link and share it with them yourself.{' '}
        {lifetime}
      </DialogDescription>
    );
  }
  return (
    <DialogDescription>
      {mode === 'dev_mailbox' ? (
        <>
          They get an email with a link to join; in development it lands in the{' '}
          <Link to="/dev/mailbox" target="_blank" className="text-indigo-700 dark:text-indigo-300 underline">
            development mailbox
          </Link>
          .
        </>
      ) : (
        'They get an email with a link to join.'
      )}{' '}
      {lifetime}
    </DialogDescription>
  );
}

export function InviteForm() {
  const id = React.useId();
  const [text, setText] = React.useState('');
  // The addresses the preview last looked up: set a moment after typing stops.
  const [lookedUp, setLookedUp] = React.useState<string[]>([]);
  const lookupTimer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  const [role, setRole] = React.useState<PermissionLevel>('collaborator');
  const [cloudGrants, setCloudGrants] = React.useState<InvitationCloudGrant[]>([]);
  const [groupIds, setGroupIds] = React.useState<string[]>([]);
  const create = useCreateInvitationsMutation();
  const delivery = useQuery(invitationQueries.delivery());
  const { addresses, duplicates } = React.useMemo(() => parseInviteList(text), [text]);
  const validCount = addresses.filter((address) => !address.problem).length;
  const invalidCount = addresses.length - validCount;
  const tooMany = addresses.length > maxInviteAddresses;
  const lookup = useQuery(invitationQueries.lookup(lookedUp));
  const statuses = new Map(lookup.data?.results.map((entry) => [entry.email, entry.status]));
  const statusOf = (email: string): AddressStatus | undefined => statuses.get(email);
  const valid = addresses.filter((address) => !address.problem);
  const members = valid.filter((address) => statusOf(address.email) === 'member').length;
  const invited = valid.filter((address) => statusOf(address.email) === 'invited').length;
  const toInvite = validCount - members;
  const changeText = (next: string) => {
    setText(next);
    clearTimeout(lookupTimer.current);
    lookupTimer.current = setTimeout(() => {
      const emails = parseInviteList(next)
        .addresses.filter((address) => !address.problem)
        .map((address) => address.email);
      setLookedUp(emails.length <= maxInviteAddresses ? emails : []);
    }, lookupDelayMs);
  };
  React.useEffect(() => () => clearTimeout(lookupTimer.current), []);

  if (create.data) {
    return (
      <>
        <DialogDescription className="sr-only">The outcome for each address.</DialogDescription>
        <InviteResults response={create.data} />
        <DialogFooter>
          <Button
            variant="secondary"
            onClick={() => {
              create.reset();
              changeText('');
            }}
          >
            Invite more people
          </Button>
          <DialogCloseButton>Done</DialogCloseButton>
        </DialogFooter>
      </>
    );
  }

  const blocked =
    addresses.length === 0
      ? 'Enter at least one email address.'
      : tooMany
        ? `Invite up to ${maxInviteAddresses} addresses at a time; this list has ${addresses.length}.`
        : validCount === 0
          ? 'None of these addresses is valid. Correct them to continue.'
          : toInvite === 0
            ? validCount === 1
              ? 'They are already a member.'
              : 'Everyone here is already a member.'
            : null;
  const summary =
    addresses.length === 0
      ? 'No addresses yet.'
      : [
          `${validCount} valid, ${invalidCount} invalid${invalidCount ? ' (they will be skipped)' : ''}`,
          members > 0 && `${members} already ${members === 1 ? 'a member' : 'members'}`,
          invited > 0 && `${invited} already invited (will be re-sent)`,
          duplicates > 0 && `${plural(duplicates, 'duplicate')} merged`,
        ]
          .filter(Boolean)
          .join(' · ') + '.';

  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (blocked) return;
        create.mutate({
          emails: addresses.map((address) => address.email),
          permission_level: role,
          cloud_grants: role === 'owner' ? [] : cloudGrants,
          group_ids: groupIds,
        });
      }}
    >
      <DeliveryNote mode={delivery.data?.mode} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-emails`}>Email addresses</Label>
        <Textarea
          id={`${id}-emails`}
          value={text}
          onChange={(event) => changeText(event.target.value)}
          placeholder="ada@example.com, grace@example.com"
          autoFocus
          rows={4}
          spellCheck={false}
          autoCapitalize="off"
          aria-describedby={`${id}-emails-hint ${id}-emails-summary`}
          aria-invalid={tooMany || undefined}
        />
        <p id={`${id}-emails-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          Separate addresses with commas, spaces or new lines; paste a list from anywhere. Up to{' '}
          {maxInviteAddresses} at a time.
        </p>
        <p
          id={`${id}-emails-summary`}
          aria-live="polite"
          className={
            tooMany
              ? 'text-xs font-medium text-red-700 dark:text-red-300'
              : 'text-xs font-medium text-slate-700 dark:text-slate-300'
          }
        >
          {tooMany ? blocked : summary}
        </p>
        <AddressPreview addresses={addresses} statusOf={statusOf} id={`${id}-preview`} />
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Role</legend>
        {roleChoices.map((choice) => (
          <div
            key={choice.value}
            className="relative rounded-md border border-slate-200 dark:border-slate-700 p-3 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/50 dark:has-[:checked]:bg-indigo-950/50"
          >
            {/* The label stretches over the whole card, so a click anywhere on it chooses the role. */}
            <label className="flex cursor-pointer items-center gap-3 text-sm font-medium text-slate-900 dark:text-slate-100 after:absolute after:inset-0">
              <input
                type="radio"
                name="role"
                value={choice.value}
                checked={role === choice.value}
                onChange={() => setRole(choice.value)}
                aria-describedby={`${id}-role-${choice.value}`}
                className="relative z-10 h-4 w-4 accent-indigo-600"
              />
              {choice.label}
            </label>
            <p
              id={`${id}-role-${choice.value}`}
              className="mt-0.5 ml-7 text-xs text-slate-600 dark:text-slate-400"
            >
              {choice.hint}
            </p>
          </div>
        ))}
      </fieldset>

      <CloudPicker role={role} selected={cloudGrants} onChange={setCloudGrants} />

      <GroupPicker selected={groupIds} onChange={setGroupIds} />

      {create.error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {create.error.message}
        </p>
      )}

      <DialogFooter className="items-center">
        {blocked && addresses.length > 0 && !tooMany && (
          <p className="text-xs text-slate-600 dark:text-slate-400 sm:mr-auto">{blocked}</p>
        )}
        <DialogCloseButton variant="secondary">Cancel</DialogCloseButton>
        <Button
          type="submit"
          pending={create.isPending}
          disabled={Boolean(blocked)}
          aria-describedby={`${id}-emails-summary`}
        >
          {toInvite > 1 ? `Invite ${toInvite} people` : 'Send invitation'}
        </Button>
      </DialogFooter>
    </form>
  );
}

function CloudPicker({
  role,
  selected,
  onChange,
}: {
  role: PermissionLevel;
  selected: InvitationCloudGrant[];
  onChange: (grants: InvitationCloudGrant[]) => void;
}) {
  const id = React.useId();
  const clouds = useQuery(invitationQueries.cloudChoices());
  // No clouds API on this server: leave the picker out.
  if (clouds.data === null) return null;
  const ownerRole = role === 'owner';
  let body: React.ReactNode;
  if (clouds.isPending) {
    body = <p className="text-xs text-slate-600 dark:text-slate-400">Loading clouds…</p>;
  } else if (clouds.isError) {
    body = (
      <p className="flex items-center gap-2 text-xs text-red-800 dark:text-red-200">
        Clouds could not be loaded; you can still invite without them.
        <Button type="button" size="sm" variant="link" onClick={() => clouds.refetch()}>
          Retry
        </Button>
      </p>
    );
  } else if (clouds.data.results.length === 0) {
    body = <p className="text-xs text-slate-600 dark:text-slate-400">Your organization has no clouds yet.</p>;
  } else {
    const page = clouds.data;
    body = (
      <>
        <ul className="flex max-h-44 flex-col gap-1.5 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 p-2">
          {page.results.map((cloud) => {
            const checkboxId = `${id}-${cloud.id}`;
            const grant = ownerRole ? undefined : selected.find((entry) => entry.cloud_id === cloud.id);
            return (
              <li key={cloud.id} className="flex min-h-8 flex-wrap items-center gap-2">
                <Checkbox
                  id={checkboxId}
                  disabled={ownerRole}
                  checked={grant !== undefined}
                  onCheckedChange={(checked) =>
                    onChange(
                      checked === true
                        ? [...selected, { cloud_id: cloud.id, role: 'write' }]
                        : selected.filter((entry) => entry.cloud_id !== cloud.id),
                    )
                  }
                  aria-describedby={ownerRole ? `${id}-owner-note` : undefined}
                />
                <Label htmlFor={checkboxId} className="mr-auto font-normal">
                  {cloud.name}{' '}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{cloud.region}</span>
                </Label>
                {grant && (
                  <CloudRoleSelect
                    value={grant.role}
                    label={`Role on ${cloud.name}`}
                    onChange={(next) =>
                      onChange(
                        selected.map((entry) =>
                          entry.cloud_id === cloud.id ? { ...entry, role: next } : entry,
                        ),
                      )
                    }
                  />
                )}
              </li>
            );
          })}
        </ul>
        {page.metadata.total > page.results.length && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Showing the first {page.results.length} of {page.metadata.total} clouds. Grant others from each
            cloud’s Manage users.
          </p>
        )}
      </>
    );
  }
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">
        Clouds to grant (optional)
      </legend>
      {ownerRole ? (
        <p id={`${id}-owner-note`} className="text-xs text-slate-600 dark:text-slate-400">
          Owners can use every cloud; there is nothing to grant.
        </p>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Access starts when they accept, with the role you pick for each cloud.
        </p>
      )}
      {body}
    </fieldset>
  );
}

/** Groups to join on acceptance: they get every cloud those groups can use. Left out when there are none. */
function GroupPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const id = React.useId();
  const groups = useQuery(invitationQueries.groupChoices());
  if (!groups.data || groups.data.results.length === 0) return null;
  const page = groups.data;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">
        Groups (optional)
      </legend>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        They join these groups when they accept, and get the clouds the groups can use.
      </p>
      <ul className="flex max-h-36 flex-col gap-1.5 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 p-2">
        {page.results.map((group) => {
          const checkboxId = `${id}-${group.id}`;
          return (
            <li key={group.id} className="flex min-h-7 items-center gap-2">
              <Checkbox
                id={checkboxId}
                checked={selected.includes(group.id)}
                onCheckedChange={(checked) =>
                  onChange(
                    checked === true
                      ? [...selected, group.id]
                      : selected.filter((picked) => picked !== group.id),
                  )
                }
              />
              <Label htmlFor={checkboxId} className="font-normal">
                {group.name}{' '}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {group.member_count.toLocaleString()} {group.member_count === 1 ? 'member' : 'members'}
                </span>
              </Label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function DialogCloseButton({
  children,
  variant = 'primary',
}: {
  children: React.ReactNode;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <DialogClose asChild>
      <Button type="button" variant={variant}>
        {children}
      </Button>
    </DialogClose>
  );
}
