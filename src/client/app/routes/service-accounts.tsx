import * as React from 'react';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Collaborator } from '#contract/members.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { RemoveMembersDialog } from '../../features/members/components/remove-members-dialog.tsx';
import { serviceAccountQueries } from '../../features/service-accounts/api/service-account-queries.ts';
import { ServiceAccountsPage } from '../../features/service-accounts/components/service-accounts-page.tsx';
import { toast } from '../../lib/toast.ts';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function serviceAccountsLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Service accounts');
  void queryClient.prefetchQuery(serviceAccountQueries.list());
  return user;
}

/** Settings › Service accounts; removal uses the members' offboarding dialog, as for a person. */
export function ServiceAccountsRoute() {
  const initial = useLoaderData<typeof serviceAccountsLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const client = useQueryClient();
  const [removing, setRemoving] = React.useState<Collaborator[]>([]);
  return (
    <>
      <ServiceAccountsPage onRemove={(account) => setRemoving([account])} />
      <RemoveMembersDialog
        open={removing.length > 0}
        onOpenChange={(open) => {
          if (!open) setRemoving([]);
        }}
        members={removing}
        organizationName={user.organization.name}
        ssoEnabled={user.organization.sso_enabled}
        currentMemberId={user.id}
        onRemoved={(_, removed) => {
          toast.success(`Removed ${removed.map((account) => account.name).join(', ')}`);
          setRemoving([]);
          // Their keys are gone with them: take their cards away first, then drop those
          // queries, so nothing refetches a 404.
          const ids = new Set(removed.map((account) => account.id));
          client.setQueryData(serviceAccountQueries.list().queryKey, (page) =>
            page ? { ...page, results: page.results.filter((account) => !ids.has(account.id)) } : page,
          );
          for (const account of removed) {
            client.removeQueries({ queryKey: serviceAccountQueries.keys(account.user_id).queryKey });
          }
          void client.invalidateQueries({ queryKey: serviceAccountQueries.list().queryKey });
        }}
        onDeselect={(ids) => setRemoving((current) => current.filter((account) => !ids.includes(account.id)))}
      />
    </>
  );
}
