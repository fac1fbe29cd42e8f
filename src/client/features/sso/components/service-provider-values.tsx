import { useId } from 'react';
import type { SsoConfig } from '../../../../contract/sso.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { Input } from '../../../components/ui/input.tsx';

function CopyField({ label, value, hint }: { label: string; value: string; hint: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-hint`}
          className="font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={value} label={`Copy ${label}`} />
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}

/** What the owner copies into the identity provider's SAML app. */
export function ServiceProviderValues({ config }: { config: SsoConfig }) {
  return (
    <section
      aria-labelledby="sso-sp-values"
      className="flex flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 sm:p-5"
    >
      <div>
        <h2 id="sso-sp-values" className="font-medium text-slate-900 dark:text-slate-100">
          1. Create a SAML app in your identity provider
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Copy these values into it, or give it Roster&apos;s metadata file.
        </p>
      </div>
      <CopyField
        label="ACS URL"
        value={config.acs_url}
        hint="Okta: Single sign-on URL. Entra ID: Reply URL (Assertion Consumer Service URL)."
      />
      <CopyField
        label="Entity ID"
        value={config.sp_entity_id}
        hint="Okta: Audience URI (SP Entity ID). Entra ID: Identifier (Entity ID)."
      />
      <CopyField
        label="SP metadata URL"
        value={config.sp_metadata_url}
        hint="For identity providers that read the service provider's metadata."
      />
      <p className="text-sm">
        <a
          href={config.sp_metadata_url}
          download="roster-sp-metadata.xml"
          className="font-medium text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
        >
          Download SP metadata (XML)
        </a>
      </p>
    </section>
  );
}
