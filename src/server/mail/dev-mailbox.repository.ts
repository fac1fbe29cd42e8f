import type { Kysely } from 'kysely';
import type { Database, DevMailboxTable } from '../db/schema.ts';

type Db = Kysely<Database>;

export async function insertDevMail(db: Db, mail: DevMailboxTable): Promise<void> {
  await db.insertInto('dev_mailbox').values(mail).execute();
}
