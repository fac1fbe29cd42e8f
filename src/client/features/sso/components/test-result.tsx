import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ParsedAssertion } from '../../../../contract/sso.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { ssoQueries } from '../api/sso-queries.ts';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="break-all text-slate-900 dark:text-slate-100">{children}</dd>
    </>
  );
}

const none = <span className="text-slate-600 dark:text-slate-400">None</span>;

function Assertion({ assertion }: { assertion: ParsedAssertion }) {
  const attributes = Object.entries(assertion.attributes);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
        <Row label="Email">{assertion.email ?? none}</Row>
        <Row label="Name">{assertion.name ?? none}</Row>
        <Row label="NameID">
          <span className="font-mono text-xs">{assertion.name_id}</span>
          {assertion.name_id_format && (
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              {assertion.name_id_format}
            </span>
          )}
        </Row>
        <Row label="Groups">{assertion.groups.length > 0 ? assertion.groups.join(', ') : none}</Row>
        <Row label="Issuer">
          <span className="font-mono text-xs">{assertion.issuer}</span>
        </Row>
      </dl>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
        <table className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left text-xs font-medium text-slate-600 dark:text-slate-400">
            Attributes the identity provider sent
          </caption>
          <thead className="border-y border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-1.5 font-medium">
                Attribute
              </th>
              <th scope="col" className="px-3 py-1.5 font-medium">
                Values
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {attributes.length === 0 ? (
              <tr>
                <td colSpan={2} className="px-3 py-2 text-slate-600 dark:text-slate-400">
                  No attributes: Roster uses the NameID as the email.
                </td>
              </tr>
            ) : (
              attributes.map(([name, values]) => (
                <tr key={name}>
                  <th scope="row" className="px-3 py-1.5 font-mono text-xs font-normal break-all">
                    {name}
                  </th>
                  <td className="px-3 py-1.5 break-all">{values.join(', ')}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The outcome of a test connection (the page came back with ?sso_test=<id>). */
export function TestResult({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const test = useQuery(ssoQueries.test(id));
  const heading = React.useRef<HTMLHeadingElement>(null);
  const done = test.data?.status === 'succeeded' || test.data?.status === 'failed' || test.isError;
  // Back from the identity provider: keyboard and screen-reader users start at the answer.
  React.useEffect(() => {
    if (done) heading.current?.focus();
  }, [done]);

  const frame = (tone: 'neutral' | 'success' | 'danger', title: string, body: React.ReactNode) => (
    <section
      aria-labelledby="sso-test-result"
      className={
        tone === 'success'
          ? 'rounded-lg border border-emerald-200 dark:border-emerald-800 bg-emerald-50/60 dark:bg-emerald-950/30 p-4 sm:p-5'
          : tone === 'danger'
            ? 'rounded-lg border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-4 sm:p-5'
            : 'rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 sm:p-5'
      }
    >
      <div className="mb-3 flex items-start justify-between gap-3">
        <h2
          id="sso-test-result"
          ref={heading}
          tabIndex={-1}
          className={
            tone === 'success'
              ? 'font-medium text-emerald-900 dark:text-emerald-200 outline-none'
              : tone === 'danger'
                ? 'font-medium text-red-900 dark:text-red-200 outline-none'
                : 'font-medium text-slate-900 dark:text-slate-100 outline-none'
          }
        >
          {title}
        </h2>
        <Button type="button" variant="ghost" size="sm" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      {body}
    </section>
  );

  if (test.isError) {
    return frame(
      'danger',
      'This test could not be shown',
      <p role="alert" className="text-sm text-red-800 dark:text-red-200">
        {isApiError(test.error) && test.error.status === 404
          ? 'It is unknown or has expired. Run Test connection again.'
          : test.error.message}
      </p>,
    );
  }
  if (!test.data || test.data.status === 'pending') {
    return frame(
      'neutral',
      'Test connection: waiting for your identity provider',
      <div role="status" className="flex flex-col gap-2 text-sm text-slate-600 dark:text-slate-400">
        <p>Sign in at your identity provider; its answer appears here.</p>
        <Skeleton className="h-4 w-64 max-w-full" />
      </div>,
    );
  }
  if (test.data.status === 'failed') {
    const failure = test.data.failure;
    return frame(
      'danger',
      'Test connection failed',
      <div role="alert" className="flex flex-col gap-1 text-sm text-red-800 dark:text-red-200">
        <p>{failure?.message ?? 'The identity provider’s answer was refused.'}</p>
        {failure && <p className="font-mono text-xs">{failure.code}</p>}
        <p className="text-red-900 dark:text-red-200">
          Check the values you copied into your identity provider and its certificate, then test again.
        </p>
      </div>,
    );
  }
  return frame(
    'success',
    'Test connection succeeded',
    <div className="flex flex-col gap-3">
      <p role="status" className="text-sm text-emerald-900 dark:text-emerald-200">
        Your identity provider signed a response Roster accepts.
        {test.data.assertion?.email
          ? ` It would sign in ${test.data.assertion.email}.`
          : ' It sent no usable email: check the email attribute.'}
      </p>
      {test.data.assertion && <Assertion assertion={test.data.assertion} />}
    </div>,
  );
}
