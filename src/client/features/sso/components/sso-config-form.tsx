import * as React from 'react';
import type { SsoConfig } from '../../../../contract/sso.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { Input, Textarea } from '../../../components/ui/input.tsx';
import { Field, Label } from '../../../components/ui/label.tsx';
import { toast } from '../../../lib/toast.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useSaveSsoConfigMutation } from '../api/save-sso-config.ts';
import { IdentityProviderFields } from './identity-provider-fields.tsx';
import { draftFrom, refusal, sameDraft, toBody, type SsoDraft } from './sso-form-model.ts';
import { SsoModeField } from './sso-mode-field.tsx';
import { TestConnection } from './test-connection.tsx';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = React.useId();
  return (
    <section
      aria-labelledby={id}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 sm:p-5"
    >
      <h2 id={id} className="font-medium text-slate-900 dark:text-slate-100">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Toggle({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = React.useId();
  return (
    <div className="flex gap-3">
      <Checkbox
        id={id}
        checked={checked}
        onCheckedChange={(value) => onChange(value === true)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5"
      />
      <div className="flex flex-col gap-0.5">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The organization's SAML settings: metadata, attribute mapping, domains and
 * provisioning, a test login, and the mode. What was typed stays on a refusal;
 * the page remounts it (a fresh draft) after a save and on Discard.
 */
export function SsoConfigForm({ config, onDiscard }: { config: SsoConfig; onDiscard: () => void }) {
  const initial = draftFrom(config);
  const [draft, setDraft] = React.useState<SsoDraft>(() => draftFrom(config));
  const change = (changes: Partial<SsoDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const unsaved = !sameDraft(draft, initial);
  const save = useSaveSsoConfigMutation({
    onSuccess: (saved) =>
      toast.success(
        'Single sign-on saved',
        saved.sso_mode === 'off' ? 'SSO is off.' : `SSO is ${saved.sso_mode}.`,
      ),
    onError: (error) => focusFirst(Object.keys(refusal(error, draft).fieldErrors)),
  });
  const server = refusal(save.error, draft);
  const { id, errors: shown, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  // The form's own checks, in the shape useFieldErrors validates with.
  const checks = {
    safeParse: (data: unknown) => {
      const result = toBody(data as SsoDraft, config.configured);
      return result.body
        ? { success: true as const, data: result.body }
        : {
            success: false as const,
            error: {
              issues: Object.entries(result.errors).map(([field, message]) => ({
                path: [field],
                message: message ?? '',
              })),
            },
          };
    },
  };

  return (
    <form
      noValidate
      aria-label="Single sign-on settings"
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        const body = validate(checks, draft);
        if (body) save.mutate(body);
        else save.reset();
      }}
    >
      <Section title="2. Connect your identity provider">
        <IdentityProviderFields
          config={config}
          draft={draft}
          change={change}
          errors={shown}
          fieldProps={fieldProps}
        />
      </Section>

      <Section title="3. Map attributes">
        <p className="-mt-2 text-sm text-slate-600 dark:text-slate-400">
          The SAML attribute names your identity provider sends. Leave Email empty to use the NameID.
        </p>
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            id={`${id}-email_attribute`}
            label="Email attribute"
            hint="Default: the NameID (format emailAddress)."
            error={shown.email_attribute}
          >
            <Input
              {...fieldProps('email_attribute')}
              value={draft.emailAttribute}
              onChange={(event) => change({ emailAttribute: event.target.value })}
              placeholder="email"
              spellCheck={false}
            />
          </Field>
          <Field
            id={`${id}-name_attribute`}
            label="Name attribute"
            hint="Optional: the display name for new people."
            error={shown.name_attribute}
          >
            <Input
              {...fieldProps('name_attribute')}
              value={draft.nameAttribute}
              onChange={(event) => change({ nameAttribute: event.target.value })}
              placeholder="name"
              spellCheck={false}
            />
          </Field>
          <Field
            id={`${id}-groups_attribute`}
            label="Groups attribute"
            hint="Optional: shown in the test result."
            error={shown.groups_attribute}
          >
            <Input
              {...fieldProps('groups_attribute')}
              value={draft.groupsAttribute}
              onChange={(event) => change({ groupsAttribute: event.target.value })}
              placeholder="groups"
              spellCheck={false}
            />
          </Field>
        </div>
      </Section>

      <Section title="4. Sign-in and provisioning">
        <Field
          id={`${id}-domains`}
          label="Email domains"
          hint="One per line. Addresses at these domains are sent to your identity provider at sign-in, and only they can be provisioned just in time."
          error={shown.domains}
        >
          <Textarea
            {...fieldProps('domains')}
            value={draft.domains}
            onChange={(event) => change({ domains: event.target.value })}
            placeholder="example.com"
            spellCheck={false}
            autoCapitalize="none"
            className="min-h-20 max-w-md"
          />
        </Field>
        <Toggle
          label="Provision new people just in time"
          hint="Someone at one of your domains who signs in through the identity provider and is not a member yet joins as a collaborator. Off: they are refused until invited."
          checked={draft.jit}
          onChange={(jit) => change({ jit })}
        />
        <Toggle
          label="Allow IdP-initiated sign-in"
          hint="Lets people start from the identity provider's app dashboard. Off is safer: only sign-ins that Roster started are accepted."
          checked={draft.idpInitiated}
          onChange={(idpInitiated) => change({ idpInitiated })}
        />
      </Section>

      <Section title="5. Test, then switch it on">
        <TestConnection configured={config.configured} unsaved={unsaved} />
        <SsoModeField
          id={`${id}-sso_mode`}
          value={draft.mode}
          onChange={(mode) => change({ mode })}
          error={shown.sso_mode}
          ownerHasSsoLogin={config.owner_has_sso_login}
        />
      </Section>

      {server.formError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {server.formError}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={save.isPending}>
          Save changes
        </Button>
        {unsaved ? (
          <>
            <Button type="button" variant="ghost" onClick={onDiscard}>
              Discard changes
            </Button>
            <p className="text-sm text-slate-600 dark:text-slate-400">You have unsaved changes.</p>
          </>
        ) : null}
      </div>
    </form>
  );
}
