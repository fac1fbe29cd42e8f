import { apiKeyReminderDays, type ApiKey } from '#contract/api-keys.ts';
import { formatDate, formatDateTime, formatRelative } from '../../../components/format.ts';
import { Badge } from '../../../components/ui/badge.tsx';

const day = 24 * 3600 * 1000;

export type ExpiryState = 'never' | 'expired' | 'soon' | 'later';

export function expiryState(expiresAt: string | null, now = Date.now()): ExpiryState {
  if (expiresAt === null) return 'never';
  const left = new Date(expiresAt).getTime() - now;
  if (left <= 0) return 'expired';
  return left <= apiKeyReminderDays * day ? 'soon' : 'later';
}

/** The Expires cell: the date, with a reminder badge in the last week and "Expired" after. */
export function ApiKeyExpiry({ apiKey }: { apiKey: ApiKey }) {
  const iso = apiKey.expires_at;
  const state = expiryState(iso);
  if (iso === null) return <span className="text-slate-600 dark:text-slate-400">Never</span>;
  const date = (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDate(iso)}
    </time>
  );
  if (state === 'expired') {
    return (
      <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
        <Badge tone="danger">Expired</Badge>
        <span className="text-slate-600 dark:text-slate-400">on {date}</span>
      </span>
    );
  }
  if (state === 'soon') {
    return (
      <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
        <Badge tone="warning">Expires {formatRelative(iso)}</Badge>
        <span className="text-slate-600 dark:text-slate-400">{date}</span>
      </span>
    );
  }
  return date;
}
