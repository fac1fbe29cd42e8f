import { useId, useState } from 'react';
import { passwordRules, setupBodySchema } from '../../../../contract/auth.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { useSetupMutation } from '../api/run-setup.ts';

type FieldErrors = Partial<Record<'organization_name' | 'name' | 'email' | 'password', string>>;

export function SetupForm({ onDone }: { onDone: () => void }) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const setup = useSetupMutation({ onSuccess: onDone });
  const fieldProps = (name: keyof FieldErrors) => ({
    id: `${id}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : `${id}-${name}-hint`,
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = setupBodySchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
        if (!parsed.success) {
          const next: FieldErrors = {};
          for (const issue of parsed.error.issues) {
            const key = issue.path[0] as keyof FieldErrors;
            next[key] ??= issue.message;
          }
          setErrors(next);
          return;
        }
        setErrors({});
        setup.mutate(parsed.data);
      }}
    >
      <Field id={`${id}-organization_name`} label="Organization name" error={errors.organization_name}>
        <Input {...fieldProps('organization_name')} autoComplete="organization" autoFocus />
      </Field>
      <Field id={`${id}-name`} label="Your name" error={errors.name}>
        <Input {...fieldProps('name')} autoComplete="name" />
      </Field>
      <Field id={`${id}-email`} label="Email" error={errors.email}>
        <Input {...fieldProps('email')} type="email" autoComplete="email" />
      </Field>
      <Field id={`${id}-password`} label="Password" hint={passwordRules} error={errors.password}>
        <Input {...fieldProps('password')} type="password" autoComplete="new-password" />
      </Field>
      {setup.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {setup.error.message}
        </p>
      )}
      <Button type="submit" pending={setup.isPending}>
        Create organization
      </Button>
    </form>
  );
}
