import type { CreateInvitationsResponse, InvitationOutcome } from '#contract/invitations.ts';
import { CopyLinkButton } from './copy-link-button.tsx';
import { OutcomeBadge } from './invitation-labels.tsx';

const summaryWords: Record<InvitationOutcome, [string, string]> = {
  invited: ['invited', 'invited'],
  already_invited: ['invitation re-sent', 'invitations re-sent'],
  already_member: ['already a member', 'already members'],
  invalid: ['invalid address', 'invalid addresses'],
};

export function summarizeOutcomes(results: CreateInvitationsResponse['results']): string {
  const order: InvitationOutcome[] = ['invited', 'already_invited', 'already_member', 'invalid'];
  return order
    .map((outcome) => {
      const count = results.filter((result) => result.outcome === outcome).length;
      const [one, many] = summaryWords[outcome];
      return count ? `${count} ${count === 1 ? one : many}` : null;
    })
    .filter(Boolean)
    .join(' · ');
}

/** One row per address the owner entered, with what happened to it. */
export function InviteResults({ response }: { response: CreateInvitationsResponse }) {
  const manual = response.delivery === 'manual';
  return (
    <div className="flex flex-col gap-3">
      <p
        role="status"
        tabIndex={-1}
        ref={(element) => element?.focus()}
        className="text-sm font-medium text-slate-900 dark:text-slate-100 outline-none"
      >
        {summarizeOutcomes(response.results)}
      </p>
      {manual && (
        <p className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-200">
          No email was sent: this server has no mail server. Copy each link and send it to the person it is
          for. Links are shown only now.
        </p>
      )}
      <ul
        aria-label="Invitation results"
        className="divide-y divide-slate-100 dark:divide-slate-800 rounded-md border border-slate-200 dark:border-slate-700"
      >
        {response.results.map((result) => (
          <li key={result.email} className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center">
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100">
                {result.email}
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <OutcomeBadge outcome={result.outcome} />
                {result.outcome === 'invalid' && result.reason && <span>{result.reason}</span>}
                {result.outcome === 'already_member' && <span>Nothing to do: they can sign in.</span>}
                {(result.outcome === 'invited' || result.outcome === 'already_invited') && !manual && (
                  <span>
                    {result.outcome === 'invited'
                      ? 'Email on its way.'
                      : 'A new link was emailed; the old one stopped working.'}
                  </span>
                )}
              </div>
            </div>
            {result.invite_link && (
              <div className="sm:w-40 sm:shrink-0 sm:text-right">
                <CopyLinkButton link={result.invite_link} email={result.email} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
