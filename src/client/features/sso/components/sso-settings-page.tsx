import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { SsoConfig } from '../../../../contract/sso.ts';
import { ErrorState, PageHeader } from '../../../components/states.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { ssoQueries } from '../api/sso-queries.ts';
import { ServiceProviderValues } from './service-provider-values.tsx';
import { SsoConfigForm } from './sso-config-form.tsx';
import { TestResult } from './test-result.tsx';

function Status({ config }: { config: SsoConfig }) {
  if (!config.configured) return <Badge>Not set up</Badge>;
  if (config.sso_mode === 'required') return <Badge tone="success">SSO required</Badge>;
  if (config.sso_mode === 'optional') return <Badge tone="success">SSO optional</Badge>;
  return <Badge tone="warning">Set up, off</Badge>;
}

/** Settings › Single sign-on (SAML): owners only. */
export function SsoSettingsPage() {
  const config = useQuery(ssoQueries.config());
  const [params, setParams] = useSearchParams();
  const testId = params.get('sso_test');
  const [round, setRound] = React.useState(0);

  let content: React.ReactNode;
  if (config.isError) {
    content = (
      <ErrorState
        title="Single sign-on settings could not be loaded"
        error={config.error}
        onRetry={() => void config.refetch()}
      />
    );
  } else if (!config.data) {
    content = (
      <div aria-busy className="flex flex-col gap-6">
        <span className="sr-only" role="status">
          Loading single sign-on settings…
        </span>
        {[0, 1, 2].map((index) => (
          <div
            key={index}
            className="flex flex-col gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5"
          >
            <Skeleton className="h-5 w-56" />
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
    );
  } else {
    content = (
      <div className="flex flex-col gap-6">
        {testId && (
          <TestResult
            id={testId}
            onDismiss={() =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.delete('sso_test');
                  return next;
                },
                { replace: true },
              )
            }
          />
        )}
        <ServiceProviderValues config={config.data} />
        <SsoConfigForm
          // A fresh draft after each save (new updated_at) and on Discard.
          key={`${config.data.updated_at ?? 'new'}:${round}`}
          config={config.data}
          onDiscard={() => setRound((n) => n + 1)}
        />
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title="Single sign-on (SAML)"
        description="People sign in through your identity provider (Okta, Entra ID, Google Workspace…). Set it up, test it, then switch it on."
        actions={config.data ? <Status config={config.data} /> : undefined}
      />
      {content}
    </div>
  );
}
