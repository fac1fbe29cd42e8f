import * as React from 'react';
import {
  cloudProviderLabels,
  cloudProviders,
  createCloudBodySchema,
  type Cloud,
  type CloudProvider,
} from '#contract/clouds.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { Input, Select } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRegisterCloudMutation } from '../api/register-cloud.ts';

type Errors = Partial<Record<'name' | 'provider' | 'region' | 'form', string>>;

/** Owners register a cloud (name, provider, region); they become its explicit owner. */
export function RegisterCloudDialog({ onRegistered }: { onRegistered?: (cloud: Cloud) => void }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Register cloud</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Register a cloud</DialogTitle>
        <DialogDescription>
          You become its owner. Organization owners can always use it; grant others access from Manage users.
        </DialogDescription>
        {/* Mounted only while open, so each opening starts with an empty form. */}
        <RegisterCloudForm
          onDone={(cloud) => {
            setOpen(false);
            onRegistered?.(cloud);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function RegisterCloudForm({ onDone }: { onDone: (cloud: Cloud) => void }) {
  const [name, setName] = React.useState('');
  const [provider, setProvider] = React.useState<CloudProvider | ''>('');
  const [region, setRegion] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const register = useRegisterCloudMutation({
    onSuccess: (cloud) => {
      toast.success(`Registered ${cloud.name}`);
      onDone(cloud);
    },
    onError: (error) => {
      if (error.code === 'cloud_name_taken') setErrors({ name: error.message });
      else setErrors({ form: error.message });
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = createCloudBodySchema.safeParse({ name, provider: provider || undefined, region });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Errors;
        next[field] ??= field === 'provider' ? 'Choose a provider.' : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    register.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field
        id="cloud-name"
        label="Name"
        hint="For example “production” or “research-gpu”."
        error={errors.name}
      >
        <Input
          id="cloud-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={Boolean(errors.name) || undefined}
          aria-describedby={errors.name ? 'cloud-name-error' : 'cloud-name-hint'}
          autoComplete="off"
          maxLength={100}
          autoFocus
        />
      </Field>
      <Field id="cloud-provider" label="Provider" error={errors.provider}>
        <Select
          id="cloud-provider"
          value={provider}
          onChange={(event) => setProvider(event.target.value as CloudProvider | '')}
          aria-invalid={Boolean(errors.provider) || undefined}
          aria-describedby={errors.provider ? 'cloud-provider-error' : undefined}
          className="w-full"
        >
          <option value="">Choose a provider</option>
          {cloudProviders.map((value) => (
            <option key={value} value={value}>
              {cloudProviderLabels[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="cloud-region"
        label="Region"
        hint="As the provider names it, e.g. us-west-2."
        error={errors.region}
      >
        <Input
          id="cloud-region"
          value={region}
          onChange={(event) => setRegion(event.target.value)}
          aria-invalid={Boolean(errors.region) || undefined}
          aria-describedby={errors.region ? 'cloud-region-error' : 'cloud-region-hint'}
          autoComplete="off"
          maxLength={64}
        />
      </Field>
      {errors.form && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {errors.form}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" pending={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register cloud'}
        </Button>
      </DialogFooter>
    </form>
  );
}
