import type { DevMailbox } from '#contract/dev-mailbox.ts';
import { wholeList } from '#contract/pagination.ts';
import type { AppDeps } from '../../deps.ts';
import * as repo from './dev-mailbox.repository.ts';

/** The newest mails "delivered" to the development mailbox. */
export async function listMail(deps: AppDeps): Promise<DevMailbox> {
  const rows = await repo.listRecentMail(deps.database.db, 100);
  return wholeList(
    rows.map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text_body: row.text_body,
      html_body: row.html_body,
      created_at: row.created_at,
    })),
  );
}
