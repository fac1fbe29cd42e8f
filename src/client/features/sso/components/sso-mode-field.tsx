import { ssoModes, type SsoMode } from '../../../../contract/sso.ts';
import { cn } from '../../../lib/cn.ts';

const modes: Record<SsoMode, { label: string; description: string }> = {
  off: {
    label: 'Off',
    description: 'Everyone signs in with their password. Sign-in through the identity provider is refused.',
  },
  optional: {
    label: 'Optional',
    description: 'People may sign in through the identity provider or with their password.',
  },
  required: {
    label: 'Required',
    description:
      'Collaborators sign in only through the identity provider: password sign-in, password reset and accepting an invitation with a password are refused for them.',
  },
};

/** off / optional / required, with what each means and the owners' break-glass. */
export function SsoModeField({
  id,
  value,
  onChange,
  error,
  ownerHasSsoLogin,
}: {
  id: string;
  value: SsoMode;
  onChange: (mode: SsoMode) => void;
  error?: string;
  ownerHasSsoLogin: boolean;
}) {
  const describedBy = error ? `${id}-error` : `${id}-hint`;
  return (
    <fieldset aria-describedby={describedBy} className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">SSO mode</legend>
      <div className="flex flex-col gap-2">
        {ssoModes.map((mode) => (
          <label
            key={mode}
            className={cn(
              'grid cursor-pointer grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 rounded-md border p-3 text-sm',
              value === mode
                ? 'border-indigo-600 dark:border-indigo-400 bg-indigo-50/60 dark:bg-indigo-950/40'
                : 'border-slate-200 dark:border-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/50',
            )}
          >
            <input
              type="radio"
              name="sso_mode"
              value={mode}
              // The field's id sits on the chosen option, so "fix this field" lands on it.
              id={value === mode ? id : undefined}
              aria-invalid={error && value === mode ? true : undefined}
              checked={value === mode}
              onChange={() => onChange(mode)}
              className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600"
            />
            <span className="font-medium text-slate-900 dark:text-slate-100">{modes[mode].label}</span>
            <span className="col-start-2 text-slate-600 dark:text-slate-400">{modes[mode].description}</span>
          </label>
        ))}
      </div>
      <div
        id={`${id}-hint`}
        className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-200"
      >
        <p>
          <span className="font-medium">Break-glass:</span> owners can always sign in with their password,
          even when SSO is required, so a broken identity provider never locks the organization out. Keep
          owners few and their passwords strong.
        </p>
        {!ownerHasSsoLogin && (
          <p className="mt-1">
            Switching to Required needs one SSO sign-in of your own first: run Test connection above and sign
            in as yourself.
          </p>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </fieldset>
  );
}
