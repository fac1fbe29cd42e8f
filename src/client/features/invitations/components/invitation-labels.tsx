import type { DeliveryStatus, Invitation, InvitationOutcome } from '#contract/invitations.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { Badge } from '../../../components/ui/badge.tsx';

export const roleLabels: Record<PermissionLevel, string> = {
  owner: 'Owner',
  collaborator: 'Collaborator',
};

export function RoleBadge({ role }: { role: PermissionLevel }) {
  return <Badge tone={role === 'owner' ? 'owner' : 'neutral'}>{roleLabels[role]}</Badge>;
}

export const outcomeLabels: Record<InvitationOutcome, string> = {
  invited: 'Invited',
  already_member: 'Already a member',
  already_invited: 'Already invited (link re-sent)',
  invalid: 'Invalid address',
};

const outcomeTones = {
  invited: 'success',
  already_member: 'neutral',
  already_invited: 'owner',
  invalid: 'danger',
} as const;

export function OutcomeBadge({ outcome }: { outcome: InvitationOutcome }) {
  return (
    <Badge tone={outcomeTones[outcome]} className="whitespace-nowrap">
      {outcomeLabels[outcome]}
    </Badge>
  );
}

const deliveryLabels: Record<DeliveryStatus, string> = {
  queued: 'Sending',
  sent: 'Email sent',
  failed: 'Delivery failed',
  manual: 'Not emailed',
};

/** Expired wins over delivery: an expired link needs Resend whatever happened to its mail. */
export function InvitationStatusBadge({ invitation }: { invitation: Invitation }) {
  if (invitation.status === 'expired') {
    return (
      <Badge tone="warning" className="whitespace-nowrap">
        Expired
      </Badge>
    );
  }
  const status = invitation.delivery_status;
  const tone = status === 'failed' ? 'danger' : status === 'sent' ? 'success' : 'neutral';
  return (
    <Badge tone={tone} className="whitespace-nowrap">
      {deliveryLabels[status]}
    </Badge>
  );
}
