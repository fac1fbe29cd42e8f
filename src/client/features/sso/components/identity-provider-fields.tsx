import * as React from 'react';
import type { SsoConfig } from '../../../../contract/sso.ts';
import { formatDate } from '../../../components/format.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { Input, Textarea } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { cn } from '../../../lib/cn.ts';
import type { SsoDraft, SsoField } from './sso-form-model.ts';

type FieldProps = (name: SsoField) => {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby': string;
};

const soon = 30 * 24 * 3600 * 1000;

/** The identity provider Roster trusts now: what the saved metadata said. */
function CurrentIdentityProvider({ config }: { config: SsoConfig }) {
  const [now] = React.useState(() => Date.now());
  return (
    <div className="rounded-md bg-slate-50 dark:bg-slate-800/50 p-3 text-sm">
      <p className="font-medium text-slate-900 dark:text-slate-100">Saved identity provider</p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="text-slate-600 dark:text-slate-400">Entity ID</dt>
        <dd className="font-mono text-xs break-all text-slate-800 dark:text-slate-200 sm:self-center">
          {config.idp_entity_id}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">SSO URL</dt>
        <dd className="font-mono text-xs break-all text-slate-800 dark:text-slate-200 sm:self-center">
          {config.idp_sso_url}
        </dd>
        {config.idp_metadata_url && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Metadata from</dt>
            <dd className="font-mono text-xs break-all text-slate-800 dark:text-slate-200 sm:self-center">
              {config.idp_metadata_url}
            </dd>
          </>
        )}
      </dl>
      <p className="mt-3 font-medium text-slate-900 dark:text-slate-100">
        Signing {config.idp_certificates.length === 1 ? 'certificate' : 'certificates'}
      </p>
      <ul className="mt-1 flex flex-col gap-2">
        {config.idp_certificates.map((certificate) => {
          const expiresSoon = !certificate.expired && new Date(certificate.not_after).getTime() - now < soon;
          return (
            <li key={certificate.fingerprint_sha256} className="flex flex-col gap-0.5">
              <span className="flex flex-wrap items-center gap-2 text-slate-800 dark:text-slate-200">
                {certificate.subject}
                {certificate.expired ? (
                  <Badge tone="danger">Expired {formatDate(certificate.not_after)}</Badge>
                ) : (
                  <Badge tone={expiresSoon ? 'warning' : 'neutral'}>
                    Valid until {formatDate(certificate.not_after)}
                    {expiresSoon && ': renew soon'}
                  </Badge>
                )}
              </span>
              <span className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">
                SHA-256 {certificate.fingerprint_sha256}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** IdP metadata: pasted (or read from a file) or fetched from a URL by the server. */
export function IdentityProviderFields({
  config,
  draft,
  change,
  errors,
  fieldProps,
}: {
  config: SsoConfig;
  draft: SsoDraft;
  change: (changes: Partial<SsoDraft>) => void;
  errors: Partial<Record<SsoField, string>>;
  fieldProps: FieldProps;
}) {
  const xml = fieldProps('idp_metadata_xml');
  const url = fieldProps('idp_metadata_url');
  const keep = config.configured ? ' Leave it empty to keep the saved metadata.' : '';
  return (
    <div className="flex flex-col gap-4">
      {config.configured && <CurrentIdentityProvider config={config} />}
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {config.configured ? 'Replace the IdP metadata' : 'IdP metadata'}
        </legend>
        <div className="inline-flex w-fit rounded-md border border-slate-300 dark:border-slate-600 p-0.5">
          {(
            [
              ['xml', 'Paste XML'],
              ['url', 'Metadata URL'],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className={cn(
                'cursor-pointer rounded px-3 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 dark:has-[:focus-visible]:outline-indigo-400',
                draft.metadataSource === value
                  ? 'bg-indigo-600 text-white'
                  : 'text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800',
              )}
            >
              <input
                type="radio"
                name="metadata_source"
                value={value}
                checked={draft.metadataSource === value}
                onChange={() => change({ metadataSource: value })}
                className="sr-only"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.metadataSource === 'xml' ? (
        <Field
          id={xml.id}
          label="IdP metadata XML"
          hint={`Okta: Sign On › SAML Signing Certificates › View IdP metadata. Entra ID: Federation Metadata XML.${keep}`}
          error={errors.idp_metadata_xml}
        >
          <Textarea
            {...xml}
            value={draft.metadataXml}
            onChange={(event) => change({ metadataXml: event.target.value })}
            spellCheck={false}
            placeholder={'<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" …'}
            className="min-h-32 font-mono text-xs"
          />
          <label className="w-fit cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300 underline underline-offset-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600">
            Or choose a metadata file…
            <input
              type="file"
              accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
              className="sr-only"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (file) change({ metadataXml: await file.text() });
                event.target.value = '';
              }}
            />
          </label>
        </Field>
      ) : (
        <Field
          id={url.id}
          label="IdP metadata URL"
          hint="Roster fetches it when you save, and again each time you save. Okta: Metadata URL. Entra ID: App Federation Metadata URL."
          error={errors.idp_metadata_url}
        >
          <Input
            {...url}
            type="url"
            inputMode="url"
            value={draft.metadataUrl}
            onChange={(event) => change({ metadataUrl: event.target.value })}
            placeholder="https://idp.example.com/app/…/sso/saml/metadata"
          />
        </Field>
      )}
    </div>
  );
}
