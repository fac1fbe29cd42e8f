import type { ParsedAddress } from '#contract/email-address.ts';
import type { InvitationLookup } from '#contract/invitations.ts';
import { cn } from '../../../lib/cn.ts';

export type AddressStatus = InvitationLookup['results'][number]['status'];

const marks: Partial<Record<AddressStatus, string>> = {
  member: 'already a member',
  invited: 'already invited (will be re-sent)',
};

/**
 * The addresses as the server will read them: valid ones, invalid ones with
 * the reason, and (once looked up) who is already a member or already invited.
 */
export function AddressPreview({
  addresses,
  statusOf,
  id,
}: {
  addresses: ParsedAddress[];
  statusOf: (email: string) => AddressStatus | undefined;
  id: string;
}) {
  if (addresses.length === 0) return null;
  return (
    <ul
      id={id}
      aria-label="Addresses to invite"
      className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 p-2"
    >
      {addresses.map((address) => {
        const status = address.problem ? 'invalid' : statusOf(address.email);
        const mark = status ? marks[status] : undefined;
        return (
          <li
            key={address.email}
            className={cn(
              'inline-flex max-w-full flex-wrap items-center gap-x-1 rounded-md border px-2 py-0.5 text-xs',
              address.problem
                ? 'border-red-300 dark:border-red-700 bg-red-50 dark:bg-red-950/40 text-red-900 dark:text-red-200'
                : mark
                  ? 'border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 text-amber-950 dark:text-amber-100'
                  : 'border-emerald-300 dark:border-emerald-700 bg-white dark:bg-slate-900 text-slate-800 dark:text-slate-200',
            )}
          >
            <span
              aria-hidden
              className={
                address.problem
                  ? 'text-red-700 dark:text-red-300'
                  : mark
                    ? 'text-amber-800 dark:text-amber-200'
                    : 'text-emerald-700 dark:text-emerald-300'
              }
            >
              {address.problem ? '!' : mark ? '•' : '✓'}
            </span>
            <span className="min-w-0 [overflow-wrap:anywhere]">{address.email}</span>
            {address.problem ? (
              <span className="text-red-800 dark:text-red-200">— {address.problem}</span>
            ) : mark ? (
              <span>— {mark}</span>
            ) : (
              <span className="sr-only">(valid)</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
