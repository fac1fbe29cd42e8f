import type { UserInfo } from '#contract/auth.ts';
import { PageHeader } from '../../../components/states.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { SessionsList } from './sessions-list.tsx';

/** User menu › Security: your password and where you are signed in. */
export function SecurityPage({ user }: { user: UserInfo }) {
  return (
    <div>
      <PageHeader title="Security" description={`Your password and sessions as ${user.email}.`} />
      <div className="flex flex-col gap-8">
        <section
          aria-labelledby="password-heading"
          className="flex flex-col gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 sm:p-6"
        >
          <h2 id="password-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Change password
          </h2>
          <ChangePasswordForm user={user} />
        </section>
        <SessionsList />
      </div>
    </div>
  );
}
