import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input, Select } from '../../../components/ui/input.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { toast } from '../../../lib/toast.ts';
import { useChangeServiceAccountRoleMutation } from '../api/change-service-account-role.ts';
import { useCreateServiceAccountMutation } from '../api/create-service-account.ts';
import {
  useMintServiceAccountKeyMutation,
  useRevokeServiceAccountKeyMutation,
} from '../api/service-account-keys.ts';
import { serviceAccountQueries } from '../api/service-account-queries.ts';

const expiries = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (not recommended)' },
];

/**
 * Settings › Service accounts: machine identities for scripts and Terraform.
 * Removal goes through the members' offboarding dialog, which the route
 * renders (`onRemove`), so a service account leaves exactly like a person.
 */
export function ServiceAccountsPage({ onRemove }: { onRemove: (account: Collaborator) => void }) {
  const accounts = useQuery(serviceAccountQueries.list());
  return (
    <div>
      <PageHeader
        title="Service accounts"
        description="Machine identities for scripts, CI and Terraform. They hold API keys and a role, and never sign in with a password."
      />
      <CreateServiceAccountForm />
      {accounts.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : accounts.isError ? (
        <ErrorState
          title="Service accounts could not be loaded"
          error={accounts.error}
          onRetry={() => void accounts.refetch()}
        />
      ) : accounts.data.results.length === 0 ? (
        <EmptyState title="No service accounts yet">Create one for each script or pipeline.</EmptyState>
      ) : (
        <ul aria-label="Service accounts" className="flex flex-col gap-4">
          {accounts.data.results.map((account) => (
            <ServiceAccountCard key={account.id} account={account} onRemove={() => onRemove(account)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateServiceAccountForm() {
  const [name, setName] = React.useState('');
  const create = useCreateServiceAccountMutation({
    onSuccess: (account) => {
      toast.success(`Created service account ${account.name}`);
      setName('');
    },
    onError: (error) => toast.error('Could not create the service account', error.message),
    meta: { silentError: true },
  });
  return (
    <form
      className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) create.mutate(name.trim());
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="service-account-name">Service account name</Label>
        <Input
          id="service-account-name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          placeholder="ci-deployer"
        />
      </div>
      <Button type="submit" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Creating…' : 'Create service account'}
      </Button>
    </form>
  );
}

function ServiceAccountCard({ account, onRemove }: { account: Collaborator; onRemove: () => void }) {
  const role = useChangeServiceAccountRoleMutation({
    onSuccess: (changed) =>
      toast.success(
        `${changed.name} is now ${changed.permission_level === 'owner' ? 'an owner' : 'a collaborator'}`,
      ),
    onError: (error) => toast.error('Could not change the role', error.message),
    meta: { silentError: true },
  });
  const roleId = `role-${account.id}`;
  return (
    <li
      aria-label={account.name}
      className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <p className="font-medium text-slate-900 dark:text-slate-100">{account.name}</p>
          <p className="text-sm break-all text-slate-600 dark:text-slate-400">{account.email}</p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={roleId} className="whitespace-nowrap">
              Role of {account.name}
            </Label>
            <Select
              id={roleId}
              value={account.permission_level}
              disabled={role.isPending}
              onChange={(event) =>
                role.mutate({ id: account.id, role: event.target.value as PermissionLevel })
              }
            >
              <option value="collaborator">Collaborator</option>
              <option value="owner">Owner</option>
            </Select>
          </div>
          <Button variant="danger" onClick={onRemove}>
            Remove {account.name}
          </Button>
        </div>
      </div>
      <ServiceAccountKeys account={account} />
    </li>
  );
}

function ServiceAccountKeys({ account }: { account: Collaborator }) {
  const keys = useQuery(serviceAccountQueries.keys(account.user_id));
  const [expiry, setExpiry] = React.useState('90');
  const [minted, setMinted] = React.useState<string | null>(null);
  const mint = useMintServiceAccountKeyMutation({
    onSuccess: (key) => setMinted(key.token),
    onError: (error) => toast.error('Could not create the key', error.message),
    meta: { silentError: true },
  });
  const revoke = useRevokeServiceAccountKeyMutation({
    onSuccess: () => toast.success('Key revoked'),
    onError: (error) => toast.error('Could not revoke the key', error.message),
    meta: { silentError: true },
  });
  const expiryId = `expiry-${account.id}`;
  return (
    <section
      aria-label={`API keys of ${account.name}`}
      className="mt-4 border-t border-slate-100 dark:border-slate-800 pt-3"
    >
      <h2 className="text-sm font-medium text-slate-800 dark:text-slate-200">API keys</h2>
      {keys.isPending ? (
        <Skeleton className="mt-2 h-8 w-full" />
      ) : keys.isError ? (
        <div
          role="alert"
          className="mt-2 flex flex-wrap items-center justify-between gap-2 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          <p>
            <span className="font-medium">The keys of {account.name} could not be loaded.</span>{' '}
            {keys.error.message}
          </p>
          <Button size="sm" variant="secondary" onClick={() => void keys.refetch()}>
            Retry
          </Button>
        </div>
      ) : keys.data.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No keys.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1">
          {keys.data.map((key) => (
            <li key={key.id} className="flex items-center justify-between gap-2 text-sm">
              <span>
                <span className="font-mono">{key.prefix}…</span>{' '}
                <span className="text-slate-600 dark:text-slate-400">
                  {key.expires_at
                    ? `expires ${new Date(key.expires_at).toLocaleDateString()}`
                    : 'never expires'}
                </span>
              </span>
              <Button
                size="sm"
                variant="secondary"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ userId: account.user_id, id: key.id })}
              >
                Revoke key {key.prefix}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {minted && (
        <div
          role="status"
          className="mt-3 rounded-md bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-900 dark:text-amber-200"
        >
          <p>Copy this key now; it is not shown again.</p>
          <p className="mt-1 font-mono break-all" aria-label="New key">
            {minted}
          </p>
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={expiryId}>Key expiry for {account.name}</Label>
          <Select id={expiryId} value={expiry} onChange={(event) => setExpiry(event.target.value)}>
            {expiries.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <Button
          variant="secondary"
          disabled={mint.isPending}
          onClick={() =>
            mint.mutate({
              userId: account.user_id,
              name: `${account.name} key`,
              days: expiry === 'never' ? null : Number(expiry),
            })
          }
        >
          New key for {account.name}
        </Button>
      </div>
      {expiry === 'never' && (
        <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">
          A key that never expires stays valid until someone revokes it.
        </p>
      )}
    </section>
  );
}
