import { apiKeyExpiryDays, createApiKeyBodySchema, defaultApiKeyExpiryDays } from '#contract/api-keys.ts';
import { CreateSecretDialog, type DialogOpenState } from '../../../components/create-secret-dialog.tsx';
import { formatDate } from '../../../components/format.ts';
import { useCreateApiKeyMutation } from '../api/create-api-key.ts';

const fields = ['name', 'expires_in_days'] as const;

const expiryLabels: Record<(typeof apiKeyExpiryDays)[number], string> = {
  30: '30 days',
  90: '90 days',
  365: '1 year',
};

/** Create a key by name and lifetime; the token is shown once, with a copy button, then never again. */
export function CreateApiKeyDialog(state: DialogOpenState) {
  const create = useCreateApiKeyMutation();
  return (
    <CreateSecretDialog
      {...state}
      mutation={create}
      fields={fields}
      schema={createApiKeyBodySchema}
      read={(form) => ({
        name: String(form.get('name') ?? '').trim(),
        expires_in_days: Number(form.get('expires_in_days')),
      })}
      title="Create an API key"
      description="For scripts and the roster command-line client. The key acts as you, with your role at the moment of each request, and dies if you leave the organization."
      nameHint="Say where it is used, e.g. “offboarding script” or “CI”."
      submitLabel="Create key"
      extraFields={({ id, errors }) => (
        <fieldset
          className="flex flex-col gap-1.5"
          aria-describedby={
            errors.expires_in_days ? `${id}-expires_in_days-error` : `${id}-expires_in_days-hint`
          }
        >
          <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
            Expires after
          </legend>
          <div className="flex flex-wrap gap-2">
            {apiKeyExpiryDays.map((days) => (
              <label
                key={days}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm text-slate-800 dark:text-slate-200 has-checked:border-indigo-600 dark:has-checked:border-indigo-400 has-checked:bg-indigo-50 dark:has-checked:bg-indigo-950/40"
              >
                <input
                  type="radio"
                  name="expires_in_days"
                  value={days}
                  defaultChecked={days === defaultApiKeyExpiryDays}
                  className="accent-indigo-600"
                />
                {expiryLabels[days]}
              </label>
            ))}
          </div>
          {errors.expires_in_days ? (
            <p
              id={`${id}-expires_in_days-error`}
              className="text-xs font-medium text-red-700 dark:text-red-300"
            >
              {errors.expires_in_days}
            </p>
          ) : (
            <p id={`${id}-expires_in_days-hint`} className="text-xs text-slate-600 dark:text-slate-400">
              After that the key answers 401 and you create a new one. Shorter is safer.
            </p>
          )}
        </fieldset>
      )}
      shown={(created) => ({
        title: 'Copy your new API key',
        description: (
          <>
            This is the only time the key “{created.name}” is shown. Store it in your password manager or
            secret store now; Roster keeps only a hash and cannot show it again.
          </>
        ),
        details: created.expires_at && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            It expires on <strong className="font-medium">{formatDate(created.expires_at)}</strong>; the list
            reminds you a week before.
          </p>
        ),
        secretLabel: `API key ${created.name}`,
        copyLabel: 'Copy key',
        warning:
          'Anyone with this key can act as you, with your current role. Never commit it to a repository.',
      })}
    />
  );
}
