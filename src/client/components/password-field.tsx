import * as React from 'react';
import { minPasswordLength, passwordRules } from '#contract/password-rules.ts';
import { cn } from '../lib/cn.ts';
import { Input } from './ui/input.tsx';
import { Field } from './ui/label.tsx';

type PasswordPolicy = typeof import('#contract/password-policy.ts');
type Verdict = ReturnType<PasswordPolicy['judgePassword']>;

// The estimator and its dictionaries (about a megabyte) are fetched the first
// time someone types a new password, never with the first page load.
let policyLoad: Promise<PasswordPolicy> | undefined;
function loadPasswordPolicy(): Promise<PasswordPolicy> {
  policyLoad ??= import('#contract/password-policy.ts').catch((error: unknown) => {
    policyLoad = undefined; // try again on the next keystroke
    throw error;
  });
  return policyLoad;
}

const scoreLabels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

export type PasswordFieldProps = Omit<React.ComponentProps<'input'>, 'type' | 'id'> & {
  id: string;
  label: string;
  error?: string;
  /** The person's email, name, organization: a password made of them is weak (the server agrees). */
  userInputs?: string[];
  /** Names of other fields of the same form whose current values count as user inputs. */
  userInputFields?: string[];
};

/**
 * A new-password input with the rule as its hint and the estimator's verdict
 * live underneath: a meter, the score in words, and zxcvbn's warning and
 * suggestions while the password is not strong enough. The server applies the
 * same rule (contract/password-policy.ts); its refusal arrives as `error`.
 */
export function PasswordField({
  id,
  label,
  error,
  userInputs = [],
  userInputFields = [],
  onChange,
  onFocus,
  ...inputProps
}: PasswordFieldProps) {
  const [policy, setPolicy] = React.useState<PasswordPolicy | null>(null);
  const [typed, setTyped] = React.useState({ password: '', inputs: [] as string[] });
  const deferred = React.useDeferredValue(typed);
  const strengthId = `${id}-strength`;

  const load = () => {
    if (!policy) loadPasswordPolicy().then(setPolicy, () => undefined);
  };

  // A few milliseconds per check; the deferred value keeps typing responsive.
  const verdict: Verdict | null =
    policy && deferred.password.length >= minPasswordLength
      ? policy.judgePassword(deferred.password, [...userInputs, ...deferred.inputs])
      : null;

  const describedBy = [inputProps['aria-describedby'], strengthId].filter(Boolean).join(' ');

  return (
    <Field id={id} label={label} hint={passwordRules} error={error}>
      <Input
        {...inputProps}
        id={id}
        type="password"
        aria-describedby={describedBy}
        onFocus={(event) => {
          load();
          onFocus?.(event);
        }}
        onChange={(event) => {
          load();
          const form = event.currentTarget.form;
          const inputs = userInputFields
            .map((name) => form?.elements.namedItem(name))
            .map((element) => (element instanceof HTMLInputElement ? element.value.trim() : ''))
            .filter(Boolean);
          setTyped({ password: event.currentTarget.value, inputs });
          onChange?.(event);
        }}
      />
      <Strength id={strengthId} password={typed.password} verdict={verdict} />
    </Field>
  );
}

function Strength({ id, password, verdict }: { id: string; password: string; verdict: Verdict | null }) {
  const short = password.length > 0 && password.length < minPasswordLength;
  const score = verdict?.score ?? 0;
  const ok = verdict?.ok ?? false;
  const filled = verdict ? score : 0;
  const tone = !verdict
    ? 'bg-slate-300 dark:bg-slate-600'
    : ok
      ? 'bg-emerald-600'
      : score >= 2
        ? 'bg-amber-500'
        : 'bg-red-600';

  let summary: string | null = null;
  if (short) {
    const missing = minPasswordLength - password.length;
    summary = `Too short: ${missing} more character${missing === 1 ? '' : 's'}.`;
  } else if (verdict) {
    summary = `Strength: ${(scoreLabels[score] ?? scoreLabels[0]).toLowerCase()}, ${ok ? 'good to use' : 'not strong enough yet'}.`;
  } else if (password !== '') {
    summary = 'Checking strength…';
  }

  return (
    <div id={id} className={cn('flex flex-col gap-1', password === '' && 'hidden')}>
      <div aria-hidden className="grid grid-cols-4 gap-1">
        {[1, 2, 3, 4].map((step) => (
          <span
            key={step}
            className={cn('h-1 rounded-full', step <= filled ? tone : 'bg-slate-200 dark:bg-slate-700')}
          />
        ))}
      </div>
      {/* Announced politely as it changes, so typing is not interrupted. */}
      <div aria-live="polite" className="text-xs">
        {summary && (
          <p
            className={cn(
              'font-medium',
              ok ? 'text-emerald-800 dark:text-emerald-200' : 'text-slate-800 dark:text-slate-200',
            )}
          >
            {summary}
          </p>
        )}
        {verdict && !ok && (
          <>
            {verdict.problem && (
              <p className="mt-0.5 text-slate-700 dark:text-slate-300">{verdict.problem}</p>
            )}
            {verdict.suggestions.length > 0 && (
              <ul className="mt-0.5 list-disc pl-4 text-slate-700 dark:text-slate-300">
                {verdict.suggestions.map((suggestion) => (
                  <li key={suggestion}>{suggestion}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
