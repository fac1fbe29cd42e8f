import { createScimTokenBodySchema } from '#contract/scim-tokens.ts';
import { CreateSecretDialog, type DialogOpenState } from '../../../components/create-secret-dialog.tsx';
import { useCreateScimTokenMutation } from '../api/scim-token-mutations.ts';

const fields = ['name'] as const;

/** Create a SCIM token by name; the token is shown once, with a copy button. */
export function CreateScimTokenDialog(state: DialogOpenState) {
  const create = useCreateScimTokenMutation();
  return (
    <CreateSecretDialog
      {...state}
      mutation={create}
      fields={fields}
      schema={createScimTokenBodySchema}
      read={(form) => ({ name: String(form.get('name') ?? '').trim() })}
      title="Create a SCIM token"
      description="Your identity provider sends it with every SCIM request. It acts for this organization, not for you."
      nameHint="Say which identity provider uses it, e.g. “Okta” or “Entra ID”."
      submitLabel="Create token"
      shown={(created) => ({
        title: 'Copy your new SCIM token',
        description: (
          <>
            This is the only time the token “{created.name}” is shown. Paste it into your identity provider’s
            SCIM app now; Roster keeps only a hash and cannot show it again.
          </>
        ),
        secretLabel: `SCIM token ${created.name}`,
        copyLabel: 'Copy token',
        warning:
          'It will not be shown again. Anyone with this token can add, change and remove members of this organization.',
      })}
    />
  );
}
