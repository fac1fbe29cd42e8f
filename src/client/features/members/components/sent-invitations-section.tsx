import * as React from 'react';
import type { Collaborator, OffboardingPreview } from '#contract/members.ts';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { useSendInvitationsAgainMutation } from '../api/send-invitations-again.ts';
import { plural } from './removal-summary.tsx';

const shownEmails = 5;

/**
 * The removal revokes every pending invitation the removed people sent (they
 * have seen those links). The owner may send them again from themselves.
 */
export function useSendAgainFromMe(previews: OffboardingPreview[]) {
  const [chosen, setChosen] = React.useState(false);
  const invitations = previews.flatMap((preview) => preview.pending_invitations);
  const send = useSendInvitationsAgainMutation();
  return {
    invitations,
    chosen,
    setChosen,
    /** Call once the removal succeeded; failures are toasted, the removal stands. */
    afterRemoval: async () => {
      if (!chosen || invitations.length === 0) return;
      await send.mutateAsync(invitations).catch(() => undefined);
    },
  };
}

export function SentInvitationsSection({
  choice,
  single,
}: {
  choice: ReturnType<typeof useSendAgainFromMe>;
  single: Collaborator | null;
}) {
  const { invitations, chosen, setChosen } = choice;
  if (invitations.length === 0) return null;
  const emails = invitations.map((invitation) => invitation.email);
  const listed =
    emails.length <= shownEmails
      ? emails.join(', ')
      : `${emails.slice(0, shownEmails).join(', ')} and ${emails.length - shownEmails} more`;
  return (
    <section aria-labelledby="offboarding-invitations" className="flex flex-col gap-2">
      <h3 id="offboarding-invitations" className="font-medium text-slate-900 dark:text-slate-100">
        Invitations {single ? `${single.name} sent` : 'they sent'}
      </h3>
      <p className="text-slate-700 dark:text-slate-300">
        {plural(invitations.length, 'pending invitation')} ({listed}) will be revoked:{' '}
        {single ? `${single.name} has` : 'they have'} seen the links.
      </p>
      <div className="flex items-center gap-2">
        <Checkbox
          id="offboarding-send-again"
          checked={chosen}
          onCheckedChange={(checked) => setChosen(checked === true)}
        />
        <Label htmlFor="offboarding-send-again">Send again from me (fresh links, sent in your name)</Label>
      </div>
    </section>
  );
}
