import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Invitation } from '#contract/invitations.ts';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { RowMenu, RowMenuItem, RowMenuSeparator } from '../../../components/ui/row-menu.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cn } from '../../../lib/cn.ts';
import { toast } from '../../../lib/toast.ts';
import { invitationQueries } from '../api/invitation-queries.ts';
import { useMintedLinks } from '../api/minted-links.ts';
import { useResendInvitationMutation } from '../api/resend-invitation.ts';
import { useRetryInvitationDeliveryMutation } from '../api/retry-invitation-delivery.ts';
import { useRevokeInvitationMutation } from '../api/revoke-invitation.ts';
import { InvitationStatusBadge, RoleBadge } from './invitation-labels.tsx';

/** While a mail is on its way, look again every few seconds so "Sending" turns into the outcome. */
const deliveryPollMs = 3000;

/** Organization settings › Members › Pending invitations (owners). */
export function PendingInvitations() {
  const headingId = React.useId();
  const [pagingToken, setPagingToken] = React.useState<string | undefined>();
  const invitations = useQuery({
    ...invitationQueries.list({ paging_token: pagingToken }),
    refetchInterval: (query) =>
      query.state.data?.results.some((row) => row.status === 'pending' && row.delivery_status === 'queued')
        ? deliveryPollMs
        : false,
  });
  const links = useMintedLinks();
  const page = invitations.data;

  let content: React.ReactNode;
  if (invitations.isError && isApiError(invitations.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page of invitations is no longer valid"
        action={<Button onClick={() => setPagingToken(undefined)}>Go to the first page</Button>}
      />
    );
  } else if (invitations.isError) {
    content = (
      <ErrorState
        title="Pending invitations could not be loaded"
        error={invitations.error}
        onRetry={() => invitations.refetch()}
      />
    );
  } else if (page && page.results.length === 0 && !pagingToken) {
    content = (
      <EmptyState title="No pending invitations">
        People you invite appear here until they join. You can resend or revoke their invitation.
      </EmptyState>
    );
  } else {
    content = (
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs lg:overflow-x-visible">
        <table
          className="w-full table-fixed text-left text-sm"
          aria-busy={!page || invitations.isPlaceholderData || undefined}
        >
          <caption className="sr-only">Pending invitations</caption>
          <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 sm:px-4">
                Email
              </th>
              <th scope="col" className="hidden w-32 px-4 py-2 md:table-cell">
                Role
              </th>
              <th scope="col" className="hidden w-40 px-4 py-2 lg:table-cell">
                Invited by
              </th>
              <th scope="col" className="hidden w-32 px-4 py-2 whitespace-nowrap md:table-cell">
                Sent
              </th>
              <th scope="col" className="hidden w-32 px-4 py-2 whitespace-nowrap sm:table-cell">
                Expires
              </th>
              <th scope="col" className="hidden w-40 px-4 py-2 sm:table-cell">
                Status
              </th>
              <th scope="col" className="w-14 px-3 py-2 text-right sm:px-4">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody
            className={cn(
              'divide-y divide-slate-100 dark:divide-slate-800 transition-opacity',
              invitations.isPlaceholderData && 'opacity-60',
            )}
          >
            {page
              ? page.results.map((invitation) => (
                  <InvitationRow
                    key={invitation.id}
                    invitation={invitation}
                    link={links.get(invitation.id)}
                  />
                ))
              : Array.from({ length: 3 }, (_, index) => <SkeletonRow key={index} />)}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Pending invitations
          {page && page.metadata.total > 0 && (
            <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">
              {page.metadata.total}
            </span>
          )}
        </h2>
      </div>
      {content}
      {page && (page.metadata.previous_paging_token || page.metadata.next_paging_token) && (
        <nav aria-label="Pending invitations pages" className="flex justify-end gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={!page.metadata.previous_paging_token || invitations.isPlaceholderData}
            onClick={() => setPagingToken(page.metadata.previous_paging_token ?? undefined)}
          >
            Previous
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!page.metadata.next_paging_token || invitations.isPlaceholderData}
            onClick={() => setPagingToken(page.metadata.next_paging_token ?? undefined)}
          >
            Next
          </Button>
        </nav>
      )}
    </section>
  );
}

function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function InvitationRow({ invitation, link }: { invitation: Invitation; link: string | undefined }) {
  const expired = invitation.status === 'expired';
  return (
    <tr className="align-top hover:bg-slate-50 dark:hover:bg-slate-800/50">
      <th scope="row" className="px-3 py-3 text-left font-normal sm:px-4">
        <div className="font-medium [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100 sm:[overflow-wrap:break-word]">
          {invitation.email}
        </div>
        {/* Small screens: the hidden columns, condensed. */}
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400 md:hidden">
          <RoleBadge role={invitation.permission_level} />
          <span className="sm:hidden">
            <InvitationStatusBadge invitation={invitation} />
          </span>
          <span className="sm:hidden">
            {expired ? 'Expired' : 'Expires'} <RelativeTime iso={invitation.expires_at} />
          </span>
        </div>
      </th>
      <td className="hidden px-4 py-3 md:table-cell">
        <RoleBadge role={invitation.permission_level} />
      </td>
      <td className="hidden truncate px-4 py-3 text-slate-700 dark:text-slate-300 lg:table-cell">
        {invitation.invited_by ? (
          <>
            {invitation.invited_by.name}
            {invitation.invited_by.removed && (
              <span className="text-slate-500 dark:text-slate-400"> (removed)</span>
            )}
          </>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">—</span>
        )}
      </td>
      <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 md:table-cell">
        <RelativeTime iso={invitation.sent_at} />
      </td>
      <td
        className={cn(
          'hidden px-4 py-3 whitespace-nowrap sm:table-cell',
          expired ? 'text-amber-800 dark:text-amber-200' : 'text-slate-700 dark:text-slate-300',
        )}
      >
        <RelativeTime iso={invitation.expires_at} />
      </td>
      <td className="hidden px-4 py-3 whitespace-nowrap sm:table-cell">
        <InvitationStatusBadge invitation={invitation} />
      </td>
      <td className="px-3 py-3 sm:px-4">
        <InvitationActions invitation={invitation} link={link} />
      </td>
    </tr>
  );
}

/** The ⋯ menu of one invitation: Copy link (while we hold it), Resend, Retry delivery (failed mail), Revoke. */
function InvitationActions({ invitation, link }: { invitation: Invitation; link: string | undefined }) {
  const [revoking, setRevoking] = React.useState(false);
  const [manualLink, setManualLink] = React.useState(false);
  const trigger = React.useRef<HTMLButtonElement>(null);
  const resend = useResendInvitationMutation({
    onSuccess: (data) => {
      toast.success(
        data.invitation.delivery_status === 'manual'
          ? `New link ready for ${invitation.email}`
          : `New invitation sent to ${invitation.email}`,
        'The previous link no longer works.',
      );
    },
  });
  const retry = useRetryInvitationDeliveryMutation({
    onSuccess: () => {
      toast.success(`Retrying delivery to ${invitation.email}`, 'The same link is being sent again now.');
    },
  });
  const failed = invitation.delivery_status === 'failed';
  const busy = resend.isPending || retry.isPending;
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      toast.success('Link copied', `Share it only with ${invitation.email}: it works once.`);
    } catch {
      // No clipboard (plain http on another host): show the link to copy by hand.
      setManualLink(true);
    }
  };
  return (
    <div className="relative flex items-center justify-end">
      {manualLink && link && (
        <input
          readOnly
          autoFocus
          value={link}
          aria-label={`Invitation link for ${invitation.email}`}
          onFocus={(event) => event.currentTarget.select()}
          onBlur={() => setManualLink(false)}
          className="absolute top-full right-0 z-10 mt-1 h-8 w-72 rounded-md border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-800/50 px-2 text-xs text-slate-800 dark:text-slate-200 shadow-md"
        />
      )}
      <RowMenu
        label={`Actions for the invitation to ${invitation.email}`}
        rowId={invitation.id}
        triggerRef={trigger}
        pendingLabel={busy ? `Sending the invitation to ${invitation.email}` : undefined}
      >
        {link && <RowMenuItem onSelect={() => void copy()}>Copy link</RowMenuItem>}
        {failed && (
          <RowMenuItem disabled={busy} onSelect={() => retry.mutate(invitation.id)}>
            Retry delivery
          </RowMenuItem>
        )}
        <RowMenuItem disabled={busy} onSelect={() => resend.mutate(invitation.id)}>
          {invitation.status === 'expired' ? 'Resend (expired)' : 'Resend'}
        </RowMenuItem>
        <RowMenuSeparator />
        <RowMenuItem destructive onSelect={() => setRevoking(true)}>
          Revoke…
        </RowMenuItem>
      </RowMenu>
      <RevokeInvitation
        invitation={invitation}
        open={revoking}
        onOpenChange={setRevoking}
        returnFocusTo={trigger}
      />
    </div>
  );
}

function RevokeInvitation({
  invitation,
  open,
  onOpenChange,
  returnFocusTo,
}: {
  invitation: Invitation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: React.RefObject<HTMLButtonElement | null>;
}) {
  const revoke = useRevokeInvitationMutation({
    onSuccess: () => {
      onOpenChange(false);
      toast.success(`Invitation to ${invitation.email} revoked`);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          // Opened from a menu: focus goes back to its ⋯ button (or, once the row is gone, to the page).
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
      >
        <AlertDialogTitle>Revoke the invitation to {invitation.email}?</AlertDialogTitle>
        <AlertDialogDescription>
          The link we sent stops working at once, so they cannot join with it. Nothing else changes; you can
          invite them again later.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Keep invitation</Button>
          </AlertDialogCancel>
          {/* Not AlertDialogAction: the dialog stays open (showing progress) until the server agrees. */}
          <Button variant="danger" pending={revoke.isPending} onClick={() => revoke.mutate(invitation.id)}>
            Revoke invitation
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function SkeletonRow() {
  return (
    <tr>
      <td className="px-3 py-3 sm:px-4">
        <Skeleton className="h-4 w-48" />
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <Skeleton className="h-4 w-20" />
      </td>
      <td className="hidden px-4 py-3 lg:table-cell">
        <Skeleton className="h-4 w-24" />
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <Skeleton className="h-4 w-16" />
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Skeleton className="h-4 w-16" />
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Skeleton className="h-4 w-20" />
      </td>
      <td className="px-3 py-3 sm:px-4">
        <Skeleton className="ml-auto h-7 w-32" />
      </td>
    </tr>
  );
}
