import type { ScimToken } from '#contract/scim-tokens.ts';
import { RevokeCredentialButton } from '../../../components/revoke-credential-button.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRevokeScimTokenMutation } from '../api/scim-token-mutations.ts';

export function RevokeScimTokenButton({ token }: { token: ScimToken }) {
  const revoke = useRevokeScimTokenMutation({
    onSuccess: () =>
      toast.success(`Revoked “${token.name}”`, 'The identity provider now gets 401 with this token.'),
    onError: (error) => toast.error('Could not revoke the token', error.message),
    meta: { silentError: true },
  });
  return (
    <RevokeCredentialButton
      credential={token}
      noun="token"
      consequence={`The identity provider using this token (${token.prefix}…) can no longer add, change or remove members from its next request. People it provisioned stay members.`}
      mutation={revoke}
    />
  );
}
