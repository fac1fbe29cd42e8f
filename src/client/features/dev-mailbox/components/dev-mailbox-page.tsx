import { useQuery } from '@tanstack/react-query';
import type { DevMail } from '#contract/dev-mailbox.ts';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { devMailboxQueries } from '../api/dev-mailbox-queries.ts';

/** Development only: read the mail Roster would have sent, and follow its links. */
export function DevMailboxPage() {
  const mailbox = useQuery(devMailboxQueries.list());
  let content;
  if (mailbox.isPending) {
    content = (
      <div role="status" aria-label="Loading mail" className="flex flex-col gap-2">
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    );
  } else if (mailbox.isError) {
    content = (
      <ErrorState
        title="The development mailbox could not be loaded"
        error={mailbox.error}
        onRetry={() => mailbox.refetch()}
      />
    );
  } else if (mailbox.data.results.length === 0) {
    content = (
      <EmptyState title="No mail yet">
        Invite someone from Organization settings › Members; the email appears here within a second or two.
      </EmptyState>
    );
  } else {
    content = (
      <ul className="flex flex-col gap-3">
        {mailbox.data.results.map((mail) => (
          <MailItem key={mail.id} mail={mail} />
        ))}
      </ul>
    );
  }
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <PageHeader
        title="Development mailbox"
        description="Mail sent while SMTP_URL is not set, newest first. This page exists only in development."
      />
      {content}
    </main>
  );
}

const linkPattern = /(https?:\/\/[^\s<>"]+)/g;

function MailItem({ mail }: { mail: DevMail }) {
  const parts = mail.text_body.split(linkPattern);
  return (
    <li className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <details>
        <summary className="flex cursor-pointer flex-col gap-0.5 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-3">
          <span className="font-medium text-slate-900 dark:text-slate-100">{mail.subject}</span>
          <span className="text-sm text-slate-600 dark:text-slate-400">
            to {mail.to} ·{' '}
            <time dateTime={mail.created_at} title={formatDateTime(mail.created_at)}>
              {formatRelative(mail.created_at)}
            </time>
          </span>
        </summary>
        <pre className="overflow-x-auto border-t border-slate-100 dark:border-slate-800 px-4 py-3 text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">
          {parts.map((part, index) =>
            index % 2 === 1 ? (
              <a key={index} href={part} className="break-all text-indigo-700 dark:text-indigo-300 underline">
                {part}
              </a>
            ) : (
              part
            ),
          )}
        </pre>
      </details>
    </li>
  );
}
