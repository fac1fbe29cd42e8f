/**
 * Data for development and scale checks: the demo organizations that
 * `npm run dev` starts with, and a fast filler that adds N generated members
 * to an organization (`npm run seed -- --members 100000`).
 *
 * Everything here writes rows directly, in one transaction per call, with the
 * same column conventions as the repositories (ISO times, 0/1 booleans,
 * lowercase emails, search_text = "name email" lowercased).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { PermissionLevel } from '#contract/roles.ts';
import { newId, randomToken, sha256 } from '../lib/crypto.ts';
import { searchText } from '../modules/members/members.repository.ts';
import type { AppDatabase } from './database.ts';
import type { CloudTable, Database, MemberTable, WorkloadTable } from './schema.ts';
import { withTransaction } from './transaction.ts';

type Db = Kysely<Database>;
type NewMember = Omit<Insertable<MemberTable>, 'search_text'>;

const day = 24 * 60 * 60 * 1000;

/** A small deterministic PRNG (mulberry32) so seeded data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function emailLocalPart(name: string): string {
  return name
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

// Rows per INSERT statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const memberBatchSize = 1000;

/** Inserts members with multi-row INSERTs; call inside a transaction for speed. */
export async function insertMembers(db: Db, rows: NewMember[]): Promise<void> {
  for (let start = 0; start < rows.length; start += memberBatchSize) {
    const batch = rows.slice(start, start + memberBatchSize);
    await db
      .insertInto('members')
      .values(batch.map((row) => ({ ...row, search_text: searchText(row.name, row.email) })))
      .execute();
  }
}

export async function insertOrganization(db: Db, org: { id: string; name: string; created_at: string }) {
  await db
    .insertInto('organizations')
    .values({ ...org, sso_enabled: 0 })
    .execute();
}

export async function insertCloud(db: Db, cloud: CloudTable): Promise<void> {
  await db.insertInto('clouds').values(cloud).execute();
}

export async function insertCloudGrant(
  db: Db,
  grant: { cloud_id: string; member_id: string; granted_by: string | null; created_at: string },
): Promise<void> {
  await db.insertInto('cloud_grants').values(grant).execute();
}

export async function insertWorkload(db: Db, workload: WorkloadTable): Promise<void> {
  await db.insertInto('workloads').values(workload).execute();
}

/** A pending invitation (only the token's hash is stored). */
export async function insertPendingInvitation(
  db: Db,
  invitation: {
    id?: string;
    org_id: string;
    email: string;
    role: PermissionLevel;
    cloud_ids?: string[];
    /** Tests pass a token they can use; otherwise nobody ever knows it. */
    token?: string;
    invited_by: string;
    created_at: string;
    expires_at: string;
  },
): Promise<string> {
  const id = invitation.id ?? newId();
  await db
    .insertInto('invitations')
    .values({
      id,
      org_id: invitation.org_id,
      email: invitation.email,
      role: invitation.role,
      cloud_ids: JSON.stringify(invitation.cloud_ids ?? []),
      token_hash: sha256(invitation.token ?? randomToken()),
      invited_by: invitation.invited_by,
      created_at: invitation.created_at,
      sent_at: invitation.created_at,
      expires_at: invitation.expires_at,
      revoked_at: null,
      accepted_at: null,
      accepted_member_id: null,
      delivery_status: 'sent',
    })
    .execute();
  return id;
}

async function insertAudit(
  db: Db,
  event: {
    org_id: string;
    actor_member_id: string;
    action: string;
    target_type: string;
    target_id: string;
    target_label: string;
    created_at: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      actor_api_key_id: null,
      ip: '127.0.0.1',
      ...event,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}

// ---------------------------------------------------------------------------
// Generated members
// ---------------------------------------------------------------------------

// prettier-ignore
const firstNames = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Andrés', 'Aylin', 'Bao', 'Beatriz', 'Camille', 'Chen', 'Chidi',
  'Daniel', 'Dara', 'Elif', 'Emeka', 'Emma', 'Farah', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hiro',
  'Ines', 'Ivan', 'Jamal', 'Jana', 'Jonas', 'Kai', 'Kavya', 'Lars', 'Leila', 'Liam', 'Lucía',
  'Mateo', 'Maya', 'Mei', 'Mia', 'Nadia', 'Niko', 'Noah', 'Nora', 'Olu', 'Omar', 'Priya', 'Rafael',
  'Rin', 'Rosa', 'Sami', 'Sana', 'Sofia', 'Tariq', 'Theo', 'Uma', 'Vera', 'Wen', 'Yara', 'Yusuf',
  'Zara', 'Zoë', 'Łukasz',
];
// prettier-ignore
const lastNames = [
  'Abadi', 'Adeyemi', 'Andersen', 'Baker', 'Bauer', 'Castillo', 'Chen', 'Costa', 'Dubois', 'Eriksen',
  'Fernández', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Hoang', 'Ibrahim', 'Ivanova', 'Jensen',
  'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Mensah', 'Müller', 'Nakamura',
  'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Petrov', 'Popescu', 'Quinn', 'Rahman',
  'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Taylor', 'Torres',
  'Van Dijk', 'Wang', 'Weber', 'Williams', 'Wójcik', 'Yamamoto', 'Yilmaz', 'Zhang', "O'Brien", 'Zimmermann',
];

export type FillOptions = {
  now?: Date;
  /** Every Nth generated member is an owner (0 for none). Default 1000. */
  ownerEvery?: number;
  seed?: number;
  domain?: string;
};

/**
 * Adds `count` generated members to an organization in one transaction with
 * multi-row inserts (100,000 rows take seconds). Generated members have no
 * password; their join dates spread over the last three years, several per
 * second, so sorting by join date has ties.
 */
export async function fillOrganization(
  database: AppDatabase,
  orgId: string,
  count: number,
  options: FillOptions = {},
): Promise<{ inserted: number }> {
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? count);
  const ownerEvery = options.ownerEvery ?? 1000;
  const domain = options.domain ?? 'members.example';
  const span = 3 * 365 * day;
  await withTransaction(database, async (trx) => {
    // Random UUIDs land all over the members indexes; a page cache that holds
    // them keeps SQLite from re-reading pages on every row (10x faster at 100k).
    const sqlite = database.dialect === 'sqlite';
    const cacheSize = sqlite
      ? (await sql<{ cache_size: number }>`pragma cache_size`.execute(trx)).rows[0]
      : null;
    if (sqlite) await sql`pragma cache_size = -262144`.execute(trx);
    // Number after the members already there, so running the filler twice never repeats an email.
    const existing = await trx
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const offset = Number(existing.n);
    const batch: NewMember[] = [];
    for (let i = 0; i < count; i++) {
      const n = offset + i + 1;
      const name = `${pick(random, firstNames)} ${pick(random, lastNames)}`;
      // Whole seconds: many members share a join time, as after a bulk import.
      const joined = new Date(Math.floor((now.getTime() - random() * span) / 1000) * 1000);
      batch.push({
        id: newId(),
        user_id: newId(),
        org_id: orgId,
        email: `${emailLocalPart(name)}.${n}@${domain}`,
        name,
        role: ownerEvery > 0 && n % ownerEvery === 0 ? 'owner' : 'collaborator',
        password_hash: null,
        created_at: joined.toISOString(),
        removed_at: null,
        invited_by: null,
      });
      if (batch.length === memberBatchSize) await insertMembers(trx, batch.splice(0));
    }
    await insertMembers(trx, batch);
    if (cacheSize) await sql.raw(`pragma cache_size = ${Number(cacheSize.cache_size)}`).execute(trx);
  });
  return { inserted: count };
}

/** Creates an organization and its first owner; returns their ids. */
export async function createOrganizationWithOwner(
  database: AppDatabase,
  input: { organizationName: string; name: string; email: string; passwordHash: string; now?: Date },
): Promise<{ orgId: string; ownerId: string }> {
  const at = (input.now ?? new Date()).toISOString();
  const orgId = newId();
  const ownerId = newId();
  await withTransaction(database, async (trx) => {
    await insertOrganization(trx, { id: orgId, name: input.organizationName, created_at: at });
    await insertMembers(trx, [
      {
        id: ownerId,
        user_id: newId(),
        org_id: orgId,
        email: input.email.toLowerCase(),
        name: input.name,
        role: 'owner',
        password_hash: input.passwordHash,
        created_at: at,
        removed_at: null,
        invited_by: null,
      },
    ]);
    await insertAudit(trx, {
      org_id: orgId,
      actor_member_id: ownerId,
      action: 'organization.created',
      target_type: 'organization',
      target_id: orgId,
      target_label: input.organizationName,
      created_at: at,
    });
  });
  return { orgId, ownerId };
}

// ---------------------------------------------------------------------------
// The development demo
// ---------------------------------------------------------------------------

// 60 people of Northwind Robotics; the first three are the organization owners.
// prettier-ignore
const northwindPeople = [
  'Ada Lovelace', 'Grace Hopper', 'Kwame Mensah', 'Margaret Hamilton', 'Alan Turing', 'Katherine Johnson',
  'Linus Berg', 'Radia Perlman', 'Barbara Liskov', 'Tim Berners-Lee', 'Frances Allen', 'Donald Knuth',
  'Hedy Lamarr', 'Dennis Ritchie', 'Shafi Goldwasser', 'Ken Thompson', 'Annie Easley', 'Edsger Dijkstra',
  'Sophie Wilson', 'Guido van Rossum', 'Mary Jackson', 'Bjarne Stroustrup', 'Evelyn Boyd Granville',
  'Yukihiro Matsumoto', 'Jean Bartik', 'Anders Hejlsberg', 'Carol Shaw', 'Satoshi Tajiri', 'Adele Goldberg',
  'José Valim', 'Lynn Conway', 'Rasmus Lerdorf', 'Mary Kenneth Keller', 'Chidi Okonkwo', 'Priya Raman',
  'Mei Lin', 'Mateo Fernández', 'Zoë Müller', 'Łukasz Wójcik', 'Aylin Yılmaz', 'Farah Haddad', 'Hiro Tanaka',
  'Ines Costa', 'Jamal Rahman', 'Kavya Gupta', 'Lars Eriksen', 'Nadia Petrov', 'Omar Ibrahim',
  'Rosa Castillo', 'Sami Nguyen', 'Tariq Abadi', 'Uma Singh', 'Vera Novak', 'Wen Zhang', 'Yara Santos',
  'Yusuf Okafor', 'Camille Dubois', 'Emeka Adeyemi', 'Niko Popescu', "Nora O'Brien",
];
const tinyLabsPeople = ['Sana Kim', 'Felix Weber', 'Bao Hoang', 'Elif Kaya', 'Rin Suzuki'];

export type DemoAccount = {
  memberId: string;
  orgName: string;
  name: string;
  email: string;
  role: PermissionLevel;
};

export type DemoSummary = {
  organizations: { id: string; name: string; members: number }[];
  accounts: DemoAccount[];
  removedMember: { id: string; name: string };
  clouds: number;
  workloads: number;
  invitations: number;
};

/**
 * Two organizations a reviewer can explore: Northwind Robotics (60 members,
 * 3 owners, 4 clouds, ~40 workloads, pending invitations, one removed member
 * whose work stays behind) and Tiny Labs (5 people, one cloud).
 * `passwordHash` is set on every demo person so the sign-in form works too.
 */
export async function seedDemo(
  database: AppDatabase,
  options: { passwordHash: string | null; now?: Date },
): Promise<DemoSummary> {
  const now = options.now ?? new Date();
  const random = seededRandom(2026);
  const ago = (days: number) => new Date(now.getTime() - days * day).toISOString();
  const accounts: DemoAccount[] = [];

  return withTransaction(database, async (trx) => {
    const makeOrg = async (
      name: string,
      domain: string,
      people: string[],
      owners: number,
      ageDays: number,
    ) => {
      const orgId = newId();
      await insertOrganization(trx, { id: orgId, name, created_at: ago(ageDays) });
      const rows: NewMember[] = people.map((person, index) => ({
        id: newId(),
        user_id: newId(),
        org_id: orgId,
        email: `${emailLocalPart(person)}@${domain}`,
        name: person,
        role: index < owners ? 'owner' : 'collaborator',
        password_hash: options.passwordHash,
        // The founders first, then people joining over the years, newest last.
        created_at: ago(index < owners ? ageDays - index : Math.round(ageDays * (1 - index / people.length))),
        removed_at: null,
        invited_by: null,
      }));
      for (const row of rows.slice(1)) row.invited_by = rows[0]!.id;
      await insertMembers(trx, rows);
      for (const row of rows) {
        accounts.push({ memberId: row.id, orgName: name, name: row.name, email: row.email, role: row.role });
      }
      await insertAudit(trx, {
        org_id: orgId,
        actor_member_id: rows[0]!.id,
        action: 'organization.created',
        target_type: 'organization',
        target_id: orgId,
        target_label: name,
        created_at: ago(ageDays),
      });
      return { orgId, rows };
    };

    const northwind = await makeOrg('Northwind Robotics', 'northwind.example', northwindPeople, 3, 730);
    const tiny = await makeOrg('Tiny Labs', 'tinylabs.example', tinyLabsPeople, 1, 90);
    const [ada, grace, kwame] = northwind.rows;
    const collaborators = northwind.rows.slice(3);

    // One person left; what they created stays, shown as "Name (removed)".
    const leaver = collaborators[3]!;
    await trx
      .updateTable('members')
      .set({ removed_at: ago(20) })
      .where('id', '=', leaver.id)
      .execute();
    const activeAccounts = accounts.filter((account) => account.memberId !== leaver.id);

    const cloudSpecs: {
      name: string;
      provider: CloudTable['provider'];
      region: string;
      creator: NewMember;
      owner: NewMember | null;
      users: NewMember[];
    }[] = [
      {
        name: 'Production (AWS)',
        provider: 'aws',
        region: 'us-east-1',
        creator: ada!,
        owner: ada!,
        users: collaborators.slice(0, 14),
      },
      {
        name: 'Research GPUs',
        provider: 'gcp',
        region: 'europe-west4',
        creator: grace!,
        owner: collaborators[0]!,
        users: collaborators.slice(10, 30),
      },
      {
        name: 'Azure EU',
        provider: 'azure',
        region: 'westeurope',
        creator: kwame!,
        owner: kwame!,
        users: collaborators.slice(25, 35),
      },
      // Created by the person who left: ownership fell back to the organization owners.
      {
        name: 'On-prem cluster',
        provider: 'kubernetes',
        region: 'berlin-dc1',
        creator: leaver,
        owner: null,
        users: collaborators.slice(0, 8),
      },
    ];
    const clouds: { id: string; users: NewMember[] }[] = [];
    for (const [index, spec] of cloudSpecs.entries()) {
      const id = newId();
      const createdAt = ago(600 - index * 90);
      await insertCloud(trx, {
        id,
        org_id: northwind.orgId,
        name: spec.name,
        provider: spec.provider,
        region: spec.region,
        owner_member_id: spec.owner?.id ?? null,
        created_by: spec.creator.id,
        created_at: createdAt,
      });
      // The leaver lost their grants when they were removed.
      const users = spec.users.filter((user) => user.id !== spec.owner?.id && user.id !== leaver.id);
      for (const user of users) {
        await insertCloudGrant(trx, {
          cloud_id: id,
          member_id: user.id,
          granted_by: ada!.id,
          created_at: createdAt,
        });
      }
      await insertAudit(trx, {
        org_id: northwind.orgId,
        actor_member_id: spec.creator.id,
        action: 'cloud.created',
        target_type: 'cloud',
        target_id: id,
        target_label: spec.name,
        created_at: createdAt,
      });
      clouds.push({ id, users: [...users, ...(spec.owner ? [spec.owner] : [])] });
    }
    const tinyCloud = newId();
    await insertCloud(trx, {
      id: tinyCloud,
      org_id: tiny.orgId,
      name: 'Tiny Labs GCP',
      provider: 'gcp',
      region: 'us-central1',
      owner_member_id: tiny.rows[0]!.id,
      created_by: tiny.rows[0]!.id,
      created_at: ago(80),
    });
    for (const user of tiny.rows.slice(1, 4)) {
      await insertCloudGrant(trx, {
        cloud_id: tinyCloud,
        member_id: user.id,
        granted_by: tiny.rows[0]!.id,
        created_at: ago(80),
      });
    }

    // Workloads of every kind and state, by people with access to their cloud.
    const kinds: WorkloadTable['kind'][] = ['workspace', 'job', 'service'];
    const workloadNames = {
      workspace: ['notebook', 'dev-box', 'analysis', 'sandbox', 'playground'],
      job: ['nightly-train', 'etl-import', 'batch-render', 'eval-suite', 'backfill'],
      service: ['inference-api', 'dashboard', 'vector-db', 'model-gateway', 'webhooks'],
    };
    let workloads = 0;
    const addWorkload = async (
      orgId: string,
      cloudId: string,
      creator: NewMember,
      kind: WorkloadTable['kind'],
      running: boolean,
    ) => {
      const createdAt = ago(1 + Math.floor(random() * 120));
      workloads += 1;
      await insertWorkload(trx, {
        id: newId(),
        org_id: orgId,
        cloud_id: cloudId,
        kind,
        name: `${pick(random, workloadNames[kind])}-${workloads}`,
        status: running ? 'running' : 'terminated',
        created_by: creator.id,
        created_at: createdAt,
        terminated_at: running ? null : new Date(new Date(createdAt).getTime() + day / 2).toISOString(),
        duplicated_from: null,
      });
    };
    // The leaver's work: still running on purpose, the point of the offboarding rules.
    for (const kind of kinds) await addWorkload(northwind.orgId, clouds[0]!.id, leaver, kind, true);
    await addWorkload(northwind.orgId, clouds[3]!.id, leaver, 'job', false);
    for (let i = 0; i < 32; i++) {
      const cloud = clouds[i % clouds.length]!;
      const creator = i % 7 === 0 ? pick(random, [ada!, grace!, kwame!]) : pick(random, cloud.users);
      await addWorkload(northwind.orgId, cloud.id, creator, kinds[i % 3]!, random() < 0.65);
    }
    for (let i = 0; i < 5; i++) {
      await addWorkload(tiny.orgId, tinyCloud, tiny.rows[i % 4]!, kinds[i % 3]!, i % 2 === 0);
    }

    // Pending invitations (their tokens are unknowable: only random hashes are stored).
    const invitees: [string, PermissionLevel, string[]][] = [
      ['hannah.schmidt@northwind.example', 'collaborator', [clouds[0]!.id]],
      ['diego.rivera@northwind.example', 'collaborator', []],
      ['aiko.tanaka@partner.example', 'collaborator', [clouds[1]!.id, clouds[2]!.id]],
      ['pat.morgan@northwind.example', 'owner', []],
    ];
    for (const [index, [email, role, cloudIds]] of invitees.entries()) {
      const createdAt = new Date(now.getTime() - (index + 1) * day);
      const invitationId = await insertPendingInvitation(trx, {
        org_id: northwind.orgId,
        email,
        role,
        cloud_ids: cloudIds,
        invited_by: index % 2 === 0 ? ada!.id : grace!.id,
        created_at: createdAt.toISOString(),
        expires_at: new Date(createdAt.getTime() + 7 * day).toISOString(),
      });
      await insertAudit(trx, {
        org_id: northwind.orgId,
        actor_member_id: index % 2 === 0 ? ada!.id : grace!.id,
        action: 'invitation.created',
        target_type: 'invitation',
        target_id: invitationId,
        target_label: email,
        created_at: createdAt.toISOString(),
        after: { role },
      });
    }
    await insertPendingInvitation(trx, {
      org_id: tiny.orgId,
      email: 'new.hire@tinylabs.example',
      role: 'collaborator',
      invited_by: tiny.rows[0]!.id,
      created_at: ago(2),
      expires_at: ago(-5),
    });

    await insertAudit(trx, {
      org_id: northwind.orgId,
      actor_member_id: ada!.id,
      action: 'member.role_changed',
      target_type: 'member',
      target_id: kwame!.id,
      target_label: kwame!.email,
      created_at: ago(400),
      before: { permission_level: 'collaborator' },
      after: { permission_level: 'owner' },
    });
    await insertAudit(trx, {
      org_id: northwind.orgId,
      actor_member_id: grace!.id,
      action: 'member.removed',
      target_type: 'member',
      target_id: leaver.id,
      target_label: leaver.email,
      created_at: ago(20),
    });

    return {
      organizations: [
        { id: northwind.orgId, name: 'Northwind Robotics', members: northwind.rows.length - 1 },
        { id: tiny.orgId, name: 'Tiny Labs', members: tiny.rows.length },
      ],
      accounts: activeAccounts,
      removedMember: { id: leaver.id, name: leaver.name },
      clouds: clouds.length + 1,
      workloads,
      invitations: invitees.length + 1,
    };
  });
}

/** True when the database holds no organization yet. */
export async function isEmpty(database: AppDatabase): Promise<boolean> {
  const row = await database.db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
