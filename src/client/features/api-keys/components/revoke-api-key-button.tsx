import type { ApiKey } from '#contract/api-keys.ts';
import { RevokeCredentialButton } from '../../../components/revoke-credential-button.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRevokeApiKeyMutation } from '../api/revoke-api-key.ts';

export function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeApiKeyMutation({
    onSuccess: () => toast.success(`Revoked “${apiKey.name}”`, 'Requests with this key now get 401.'),
  });
  return (
    <RevokeCredentialButton
      credential={apiKey}
      noun="key"
      consequence={`Scripts and tools using this key (${apiKey.prefix}…) stop working on their next request.`}
      mutation={revoke}
    />
  );
}
