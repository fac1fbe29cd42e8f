import { parse, type Filter } from 'scim2-parse-filter';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ScimError } from './scim-errors.ts';
import type { ScimUserRow, UserWhere } from './scim.repository.ts';

export const schemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export type ScimUserResource = {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  emails: { value: string; type: string; primary: boolean }[];
  active: boolean;
  groups: { value: string; display: string; $ref: string }[];
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
};

export function toScimUser(
  row: ScimUserRow,
  base: string,
  groups: { id: string; display_name: string }[] = [],
): ScimUserResource {
  const formatted = [row.given_name, row.family_name].filter(Boolean).join(' ');
  return {
    schemas: [schemas.user],
    id: row.id,
    ...(row.external_id !== null ? { externalId: row.external_id } : {}),
    userName: row.user_name,
    name: {
      ...(row.given_name !== null ? { givenName: row.given_name } : {}),
      ...(row.family_name !== null ? { familyName: row.family_name } : {}),
      ...(formatted ? { formatted } : {}),
    },
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    emails: [{ value: row.email, type: 'work', primary: true }],
    active: row.active === 1,
    groups: groups.map((group) => ({
      value: group.id,
      display: group.display_name,
      $ref: `${base}/Groups/${group.id}`,
    })),
    meta: {
      resourceType: 'User',
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${base}/Users/${row.id}`,
    },
  };
}

/** SCIM booleans as identity providers send them: Entra ID sends "True"/"False" strings. */
export function scimBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, `${field} must be true or false.`, 'invalidValue');
}

const text = (value: unknown, field: string, max = 254): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ScimError(400, `${field} must be a string.`, 'invalidValue');
  const trimmed = value.trim();
  if (trimmed.length > max)
    throw new ScimError(400, `${field} is longer than ${max} characters.`, 'invalidValue');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ScimError(400, `${field} contains control characters.`, 'invalidValue');
  }
  return trimmed || null;
};

/** The attributes Roster keeps of a SCIM User, read from a POST/PUT body or a patched resource. */
export type UserAttributes = {
  userName: string;
  externalId: string | null;
  email: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  active: boolean;
};

export function readUserAttributes(body: unknown): UserAttributes {
  if (typeof body !== 'object' || body === null) {
    throw new ScimError(400, 'The body must be a SCIM User.', 'invalidSyntax');
  }
  const resource = body as Record<string, unknown>;
  const userName = text(resource.userName, 'userName');
  if (!userName) throw new ScimError(400, 'userName is required.', 'invalidValue');
  const name = (typeof resource.name === 'object' && resource.name !== null ? resource.name : {}) as Record<
    string,
    unknown
  >;
  const emails = Array.isArray(resource.emails) ? (resource.emails as Record<string, unknown>[]) : [];
  const chosen =
    emails.find(
      (email) => email?.primary === true || email?.primary === 'True' || email?.primary === 'true',
    ) ??
    emails.find((email) => email?.type === 'work') ??
    emails[0];
  const email = text(chosen?.value, 'emails.value') ?? (userName.includes('@') ? userName : null);
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ScimError(400, 'A work email (emails[type eq "work"].value) is required.', 'invalidValue');
  }
  return {
    userName,
    externalId: text(resource.externalId, 'externalId'),
    email: email.toLowerCase(),
    givenName: text(name.givenName, 'name.givenName', 100),
    familyName: text(name.familyName, 'name.familyName', 100),
    displayName: text(resource.displayName, 'displayName', 200),
    active: resource.active === undefined ? true : scimBoolean(resource.active, 'active'),
  };
}

/** The member's name in the console: the directory's display name, else given and family name. */
export function memberName(attributes: UserAttributes): string {
  return (
    attributes.displayName ??
    ([attributes.givenName, attributes.familyName].filter(Boolean).join(' ') || attributes.userName)
  );
}

type Eb = ExpressionBuilder<Database, 'scim_users'>;

/**
 * A SCIM filter as SQL over `scim_users`: the attributes identity providers
 * look people up by (userName, externalId, id, the work email, active), with
 * and/or/not. Anything else is an `invalidFilter` error, not a silent miss.
 */
export function userFilterToSql(filter: string | undefined): UserWhere | null {
  if (filter === undefined || filter.trim() === '') return null;
  let ast: Filter;
  try {
    ast = parse(filter);
  } catch {
    throw new ScimError(400, `The filter could not be parsed: ${filter}`, 'invalidFilter');
  }
  return (eb) => compile(eb, ast, null);
}

function compile(eb: Eb, node: Filter, within: 'emails' | null): Expression<SqlBool> {
  switch (node.op) {
    case 'and':
      return eb.and(node.filters.map((f) => compile(eb, f, within)));
    case 'or':
      return eb.or(node.filters.map((f) => compile(eb, f, within)));
    case 'not':
      return eb.not(compile(eb, node.filter, within));
    case '[]':
      if (node.attrPath.toLowerCase() !== 'emails') throw unsupported(node.attrPath);
      return compile(eb, node.valFilter, 'emails');
    case 'eq': {
      const path = (within ? `${within}.${node.attrPath}` : node.attrPath).toLowerCase();
      const value = node.compValue;
      switch (path) {
        case 'username':
          return eb('user_name_key', '=', String(value).toLowerCase());
        case 'externalid':
          return eb('external_id', '=', String(value));
        case 'id':
          return eb('id', '=', String(value));
        case 'emails.value':
        case 'emails':
          return eb('email', '=', String(value).toLowerCase());
        // The one email Roster keeps is the work, primary one.
        case 'emails.type':
          return String(value).toLowerCase() === 'work' ? eb.lit(true) : eb.lit(false);
        case 'emails.primary':
          return value === true || String(value).toLowerCase() === 'true' ? eb.lit(true) : eb.lit(false);
        case 'active':
          return eb('active', '=', scimBoolean(value, 'active') ? 1 : 0);
        default:
          throw unsupported(node.attrPath);
      }
    }
    default:
      throw new ScimError(
        400,
        `Filters support only "eq" (with and, or, not); got "${node.op}".`,
        'invalidFilter',
      );
  }
}

const unsupported = (attribute: string) =>
  new ScimError(400, `Filtering by ${attribute} is not supported.`, 'invalidFilter');

/** `displayName eq` and `externalId eq`, the lookups identity providers make before pushing a group. */
export function groupFilter(filter: string | undefined): { displayName?: string; externalId?: string } {
  if (filter === undefined || filter.trim() === '') return {};
  let ast: Filter;
  try {
    ast = parse(filter);
  } catch {
    throw new ScimError(400, `The filter could not be parsed: ${filter}`, 'invalidFilter');
  }
  const terms = ast.op === 'and' ? ast.filters : [ast];
  const result: { displayName?: string; externalId?: string } = {};
  for (const term of terms) {
    if (term.op !== 'eq')
      throw new ScimError(400, 'Group filters support displayName eq and externalId eq.', 'invalidFilter');
    const attribute = term.attrPath.toLowerCase();
    if (attribute === 'displayname') result.displayName = String(term.compValue);
    else if (attribute === 'externalid') result.externalId = String(term.compValue);
    else throw unsupported(term.attrPath);
  }
  return result;
}

/** RFC 7644 §3.4.2.4: startIndex is 1-based; count 0 asks for totals only. */
export function scimPage(query: { startIndex?: string; count?: string }): {
  offset: number;
  limit: number;
  startIndex: number;
} {
  const startIndex = Math.max(1, Number.parseInt(query.startIndex ?? '1', 10) || 1);
  const parsed = Number.parseInt(query.count ?? '100', 10);
  const limit = Math.min(200, Math.max(0, Number.isNaN(parsed) ? 100 : parsed));
  return { offset: startIndex - 1, limit, startIndex };
}

export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return {
    schemas: [schemas.list],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
