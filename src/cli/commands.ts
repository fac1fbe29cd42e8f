import type { UserInfo } from '#contract/auth.ts';
import type { CreateInvitationsResponse, InvitationOutcome } from '#contract/invitations.ts';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import { permissionLevels } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { allowOnly, parseArgs, stringOption, UsageError, type ParsedArgs } from './args.ts';
import { CliApiError, createApiClient, type ApiClient } from './client.ts';

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Asks a yes/no question; null when there is no terminal to ask on. */
  confirm: ((question: string) => Promise<boolean>) | null;
};

export const helpText = `roster — manage your Roster organization from the command line

Usage:
  roster collaborators list [--email <address>] [--json]
  roster collaborators remove --email <address> [--yes]
  roster collaborators set-role --email <address> owner|collaborator
  roster invite <address>[,<address>…] [--role owner|collaborator]
  roster <command> --help

Configuration (environment):
  ROSTER_URL       the console's address, e.g. https://roster.example.com (default http://localhost:3000)
  ROSTER_API_KEY   a personal API key (console: user menu › API keys). It acts with your role:
                   removing people, changing roles and inviting need an organization owner's key.

Exit status: 0 on success, 1 when the request failed or matched nothing, 2 on a usage error.`;

const commandHelp: Record<string, string> = {
  list: `roster collaborators list [--email <address>] [--json]

Lists the members of your organization (every page). --email keeps only the member
with that exact address. --json prints the API's collaborator objects as a JSON array.`,
  remove: `roster collaborators remove --email <address> [--yes]

Finds the member with that exact address, shows them, asks for confirmation and
removes them: their sessions and API keys stop working at once, their cloud grants
end, and clouds they own return to the organization owners. Owners must be
downgraded first (roster collaborators set-role --email <address> collaborator).
--yes skips the question (needed when not running in a terminal).`,
  'set-role': `roster collaborators set-role --email <address> owner|collaborator

Makes the member with that exact address an owner or a collaborator. The change
applies on their next request. The last owner cannot be downgraded.`,
  invite: `roster invite <address>[,<address>…] [--role owner|collaborator]

Invites people by email (commas, spaces or semicolons between addresses; at most
100). Prints one outcome per address: invited, already a member, already invited
(re-sent), or invalid. --role defaults to collaborator.`,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return usageFailure(io, error);
  }
  const [group, sub, ...rest] = args.positional;
  const wantsHelp = args.options.has('help');
  if (!group || group === 'help') {
    io.out(helpText);
    return group || wantsHelp ? 0 : 2;
  }
  const command = group === 'invite' ? 'invite' : group === 'collaborators' ? sub : undefined;
  if (group === 'collaborators' && !sub) {
    io.out(['list', 'remove', 'set-role'].map((name) => commandHelp[name]).join('\n\n'));
    return wantsHelp ? 0 : 2;
  }
  if (!command || !commandHelp[command]) {
    io.err(`Unknown command: ${args.positional.join(' ')}`);
    io.err('Run "roster --help" to see the commands.');
    return 2;
  }
  if (wantsHelp) {
    io.out(commandHelp[command]!);
    return 0;
  }

  try {
    const client = clientFrom(io);
    const commandArgs: ParsedArgs = {
      positional: group === 'invite' ? [sub, ...rest].filter((word) => word !== undefined) : rest,
      options: args.options,
    };
    switch (command) {
      case 'list':
        return await listCommand(client, commandArgs, io);
      case 'remove':
        return await removeCommand(client, commandArgs, io);
      case 'set-role':
        return await setRoleCommand(client, commandArgs, io);
      default:
        return await inviteCommand(client, commandArgs, io);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error, command);
    if (error instanceof CliApiError) {
      io.err(`Error: ${error.message}${error.status ? ` (${error.status} ${error.code})` : ''}`);
      if (error.status === 401)
        io.err('Check ROSTER_API_KEY: the key may be revoked or belong to a removed member.');
      if (error.status === 403) io.err('This needs an API key of an organization owner.');
      return 1;
    }
    throw error;
  }
}

function usageFailure(io: CliIo, error: unknown, command?: string): number {
  io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
  io.err(command ? `Usage: ${commandHelp[command]!.split('\n')[0]}` : 'Run "roster --help" for usage.');
  return 2;
}

function clientFrom(io: CliIo): ApiClient {
  const apiKey = io.env.ROSTER_API_KEY?.trim();
  if (!apiKey) {
    throw new UsageError(
      'Set ROSTER_API_KEY to a personal API key (create one in the console: user menu › API keys).',
    );
  }
  const url = io.env.ROSTER_URL?.trim() || 'http://localhost:3000';
  if (!/^https?:\/\/[^/]/.test(url))
    throw new UsageError(`ROSTER_URL must start with http:// or https:// (got "${url}").`);
  return createApiClient(url, apiKey);
}

function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

function requireEmail(args: ParsedArgs): string {
  const email = stringOption(args, 'email');
  if (!email || !email.includes('@'))
    throw new UsageError('Give the member’s address with --email <address>.');
  return normalizeEmail(email);
}

/** Every page of the list, following the keyset tokens. */
async function listAll(client: ApiClient, email?: string): Promise<Collaborator[]> {
  const all: Collaborator[] = [];
  let token: string | undefined;
  do {
    const page = await client.get<CollaboratorPage>('/organization_collaborators', {
      email,
      count: 100,
      paging_token: token,
    });
    all.push(...page.results);
    token = page.metadata.next_paging_token ?? undefined;
  } while (token);
  return email ? all.filter((member) => member.email === email) : all;
}

/** The flow a platform script uses: list by email, keep exact matches, insist on exactly one. */
async function findOne(client: ApiClient, email: string, io: CliIo): Promise<Collaborator | null> {
  const matches = await listAll(client, email);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    io.err(`No member of this organization has the address ${email}.`);
  } else {
    io.err(`${matches.length} members match ${email}; refusing to guess:`);
    for (const member of matches) io.err(`  ${describe(member)}  id ${member.id}`);
  }
  return null;
}

function describe(member: Collaborator): string {
  return `${member.name} <${member.email}> (${member.permission_level})`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
  );
}

async function listCommand(client: ApiClient, args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, ['email', 'json']);
  if (args.positional.length > 0) throw new UsageError(`Unexpected argument: ${args.positional[0]}`);
  const email = stringOption(args, 'email');
  const members = await listAll(client, email ? normalizeEmail(email) : undefined);
  if (args.options.has('json')) {
    io.out(JSON.stringify(members, null, 2));
    return 0;
  }
  if (members.length === 0) {
    io.err(
      email ? `No member of this organization has the address ${normalizeEmail(email)}.` : 'No members.',
    );
    return email ? 1 : 0;
  }
  const rows = [['NAME', 'EMAIL', 'ROLE', 'JOINED', 'ID']].concat(
    members.map((member) => [
      member.name,
      member.email,
      member.permission_level,
      member.created_at.slice(0, 10),
      member.id,
    ]),
  );
  for (const line of table(rows)) io.out(line);
  return 0;
}

async function removeCommand(client: ApiClient, args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, ['email', 'yes']);
  if (args.positional.length > 0) throw new UsageError(`Unexpected argument: ${args.positional[0]}`);
  const email = requireEmail(args);
  const [me, member] = [await client.get<UserInfo>('/userinfo'), await findOne(client, email, io)];
  if (!member) return 1;
  io.out(`Found: ${describe(member)}  id ${member.id}`);
  if (member.permission_level === 'owner') {
    io.err(`${member.name} is an owner. Downgrade them first:`);
    io.err(`  roster collaborators set-role --email ${member.email} collaborator`);
    return 1;
  }
  if (!args.options.has('yes')) {
    if (!io.confirm) {
      io.err('Not removing: confirmation needed and there is no terminal to ask on. Re-run with --yes.');
      return 1;
    }
    const question =
      `Remove ${member.name} from ${me.organization.name}? Their sessions and API keys stop working at once ` +
      'and their cloud grants end.';
    if (!(await io.confirm(question))) {
      io.err('Nothing was removed.');
      return 1;
    }
  }
  await client.delete(`/organization_collaborators/${encodeURIComponent(member.id)}`);
  io.out(`Removed ${member.name} <${member.email}> from ${me.organization.name}.`);
  return 0;
}

async function setRoleCommand(client: ApiClient, args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, ['email']);
  const email = requireEmail(args);
  const role = args.positional[0];
  if (args.positional.length !== 1 || !isRole(role)) {
    throw new UsageError('Say which role: owner or collaborator.');
  }
  const member = await findOne(client, email, io);
  if (!member) return 1;
  if (member.permission_level === role) {
    io.out(`${member.name} <${member.email}> is already ${withArticle(role)}.`);
    return 0;
  }
  const updated = await client.patch<Collaborator>(
    `/organization_collaborators/${encodeURIComponent(member.id)}`,
    { permission_level: role },
  );
  io.out(`${updated.name} <${updated.email}> is now ${withArticle(updated.permission_level)}.`);
  return 0;
}

function isRole(value: string | undefined): value is PermissionLevel {
  return permissionLevels.includes(value as PermissionLevel);
}

function withArticle(role: PermissionLevel): string {
  return role === 'owner' ? 'an owner' : 'a collaborator';
}

const outcomeWords: Record<InvitationOutcome, string> = {
  invited: 'invited',
  already_member: 'already a member',
  already_invited: 'already invited (re-sent)',
  invalid: 'invalid',
};

async function inviteCommand(client: ApiClient, args: ParsedArgs, io: CliIo): Promise<number> {
  allowOnly(args, ['role']);
  const emails = args.positional.join(',');
  if (!emails.trim())
    throw new UsageError('Give at least one address, e.g. roster invite a@example.com,b@example.com');
  const role = stringOption(args, 'role') ?? 'collaborator';
  if (!isRole(role)) {
    throw new UsageError('--role must be owner or collaborator.');
  }
  let response: CreateInvitationsResponse;
  try {
    response = await client.post<CreateInvitationsResponse>('/organization_invitations', {
      emails,
      permission_level: role,
    });
  } catch (error) {
    if (error instanceof CliApiError && error.status === 404) {
      io.err(`This Roster server (${client.baseUrl}) does not accept invitations through its API yet.`);
      return 1;
    }
    throw error;
  }
  const width = Math.max(...response.results.map((result) => result.email.length));
  for (const result of response.results) {
    const reason = result.reason ? ` — ${result.reason}` : '';
    io.out(`${result.email.padEnd(width)}  ${outcomeWords[result.outcome] ?? result.outcome}${reason}`);
    if (result.invite_link && response.delivery === 'manual')
      io.out(`${' '.repeat(width)}  link: ${result.invite_link}`);
  }
  const invalid = response.results.filter((result) => result.outcome === 'invalid').length;
  if (invalid > 0) {
    io.err(`${invalid} address${invalid === 1 ? ' was' : 'es were'} not invited.`);
    return 1;
  }
  return 0;
}
