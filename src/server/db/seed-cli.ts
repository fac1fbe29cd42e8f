/**
 * npm run seed -- --members 100000 [--org <id>]
 * npm run seed -- --demo
 *
 * Targets the database of the usual configuration (SQLITE_PATH, or
 * DATABASE_URL for PostgreSQL). On an empty database it first creates an
 * organization and an owner, and prints the owner's generated password.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { hashPassword, randomToken } from '../lib/crypto.ts';
import { createDatabase, migrateToLatest } from './database.ts';
import { createOrganizationWithOwner, fillOrganization, isEmpty, seedDemo } from './seed.ts';

const usage = `Usage:
  npm run seed -- --members <N> [--org <organization id>]   add N generated members
  npm run seed -- --demo                                     the development demo (empty database only)`;

const { values } = parseArgs({
  options: {
    members: { type: 'string' },
    org: { type: 'string' },
    demo: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const count = values.members === undefined ? 0 : Number(values.members);
if (values.help || (!values.demo && count === 0) || !Number.isInteger(count) || count < 0) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}

const config = loadConfig();
const database = createDatabase(config.database);
const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

try {
  await migrateToLatest(database);

  if (values.demo) {
    if (!(await isEmpty(database)))
      throw new Error(`The database (${where}) is not empty; the demo needs an empty one.`);
    const password = randomToken(12);
    const summary = await seedDemo(database, {
      passwordHash: await hashPassword(password, config.scryptLogN),
    });
    console.log(`Seeded the demo into ${where} in ${seconds()} s:`);
    for (const org of summary.organizations) console.log(`  ${org.name}: ${org.members} members`);
    console.log(`  Every demo person signs in with the password: ${password}`);
  }

  if (count > 0) {
    let orgId = values.org;
    if (!orgId) {
      const first = await database.db
        .selectFrom('organizations')
        .select(['id', 'name'])
        .orderBy('created_at')
        .orderBy('id')
        .executeTakeFirst();
      if (first) {
        orgId = first.id;
        console.log(`Filling "${first.name}" (${first.id}); pass --org <id> to choose another.`);
      } else {
        const password = randomToken(12);
        const email = 'owner@scale.example';
        const created = await createOrganizationWithOwner(database, {
          organizationName: 'Scale Test',
          name: 'Scale Owner',
          email,
          passwordHash: await hashPassword(password, config.scryptLogN),
        });
        orgId = created.orgId;
        console.log(`Created the organization "Scale Test" (${orgId}).`);
        console.log(`  Sign in as ${email} with the password: ${password}`);
      }
    } else {
      const exists = await database.db
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', orgId)
        .executeTakeFirst();
      if (!exists) throw new Error(`No organization has the id ${orgId}.`);
    }
    const fillStarted = performance.now();
    await fillOrganization(database, orgId, count);
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    console.log(
      `Added ${count.toLocaleString('en')} members to ${orgId} in ${fillSeconds.toFixed(1)} s ` +
        `(${Math.round(count / fillSeconds).toLocaleString('en')} rows/s) on ${where}.`,
    );
  }
  console.log(`Done in ${seconds()} s.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.destroy();
}
