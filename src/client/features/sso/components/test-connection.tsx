import { Button } from '../../../components/ui/button.tsx';
import { useStartSsoTestMutation } from '../api/start-sso-test.ts';

/** Where the identity provider sends the browser back after a test (the server appends ?sso_test=). */
export const ssoSettingsPath = '/settings/single-sign-on';

/**
 * Starts a full test login with the saved settings: the browser goes to the
 * identity provider and comes back here, where the parsed assertion is shown.
 */
export function TestConnection({
  configured,
  unsaved,
  navigate = (url) => window.location.assign(url),
}: {
  configured: boolean;
  unsaved: boolean;
  /** Where the browser is sent (replaced in tests). */
  navigate?: (url: string) => void;
}) {
  const start = useStartSsoTestMutation({ onSuccess: (test) => navigate(test.login_url) });
  const reason = !configured
    ? "Save your identity provider's metadata first."
    : unsaved
      ? 'Save your changes first: the test uses the saved settings.'
      : 'Opens your identity provider; sign in there and you come back here to see what it sent.';
  return (
    <section aria-labelledby="sso-test" className="flex flex-col gap-2">
      <h3 id="sso-test" className="text-sm font-medium text-slate-800 dark:text-slate-200">
        Test connection
      </h3>
      <div className="flex flex-col items-start gap-2 sm:flex-row sm:items-center sm:gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={!configured || unsaved}
          aria-describedby="sso-test-reason"
          pending={start.isPending || start.isSuccess}
          onClick={() => start.mutate({ next: ssoSettingsPath })}
        >
          Test connection
        </Button>
        <p id="sso-test-reason" className="text-sm text-slate-600 dark:text-slate-400">
          {reason}
        </p>
      </div>
      {start.error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {start.error.message}
        </p>
      )}
    </section>
  );
}
