import { setupBodySchema } from '#contract/auth.ts';
import { PasswordField } from '../../../components/password-field.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useSetupMutation } from '../api/run-setup.ts';

const fields = ['organization_name', 'name', 'email', 'password'] as const;

export function SetupForm({ onDone }: { onDone: () => void }) {
  const setup = useSetupMutation({
    onSuccess: onDone,
    onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
  });
  const server = splitApiError(setup.error, fields);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const body = validate(setupBodySchema, Object.fromEntries(new FormData(event.currentTarget)));
        if (body) setup.mutate(body);
        else setup.reset();
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
      <PasswordField
        {...fieldProps('password')}
        label="Password"
        error={errors.password}
        autoComplete="new-password"
        userInputFields={['organization_name', 'name', 'email']}
      />
      {server.formError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {server.formError}
        </p>
      )}
      <Button type="submit" pending={setup.isPending}>
        Create organization
      </Button>
    </form>
  );
}
