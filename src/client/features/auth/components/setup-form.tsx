import { passwordRules, setupBodySchema } from '../../../../contract/auth.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useSetupMutation } from '../api/run-setup.ts';

export function SetupForm({ onDone }: { onDone: () => void }) {
  const { id, errors, fieldProps, validate } = useFieldErrors<
    'organization_name' | 'name' | 'email' | 'password'
  >();
  const setup = useSetupMutation({ onSuccess: onDone });
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const body = validate(setupBodySchema, Object.fromEntries(new FormData(event.currentTarget)));
        if (body) setup.mutate(body);
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
