import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberSource } from '#contract/enums.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import { insertMembers } from '../../db/seed.ts';
import { newId } from '../../lib/crypto.ts';
import { setupOrganization, type Actor } from '../../test/actors.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

describe('member list filtered by source', () => {
  let t: TestContext;
  let owner: Actor;
  const ids: Record<MemberSource, string[]> = { invited: [], sso_jit: [], scim: [] };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    const me = await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=1' });
    ids.invited.push((me.json() as CollaboratorPage).results[0]!.id);
    const people: Array<{ name: string; source: MemberSource }> = [
      { name: 'Ada Invited', source: 'invited' },
      { name: 'Bo Invited', source: 'invited' },
      { name: 'Cy Sso', source: 'sso_jit' },
      { name: 'Di Sso', source: 'sso_jit' },
      { name: 'Ed Sso', source: 'sso_jit' },
      { name: 'Flo Scim', source: 'scim' },
    ];
    const rows = people.map((person, index) => ({
      id: newId(),
      user_id: newId(),
      org_id: owner.orgId,
      email: `${person.name.split(' ')[0]!.toLowerCase()}@acme.test`,
      name: person.name,
      role: 'collaborator' as const,
      password_hash: null,
      created_at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
      removed_at: null,
      invited_by: null,
      source: person.source,
    }));
    await insertMembers(t.deps.database.db, rows);
    rows.forEach((row) => ids[row.source].push(row.id));
  });
  afterAll(async () => t.close());

  const list = async (query: string) => {
    const response = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CollaboratorPage;
  };

  it('answers only the members of that source, with the total of that source', async () => {
    for (const source of ['invited', 'sso_jit', 'scim'] as const) {
      const page = await list(`source=${source}&count=100`);
      expect(page.results.map((member) => member.id).sort()).toEqual([...ids[source]].sort());
      expect(page.results.every((member) => member.source === source)).toBe(true);
      expect(page.metadata.total).toBe(ids[source].length);
    }
    const all = await list('count=100');
    expect(all.metadata.total).toBe(7);
  });

  it('combines with search and role', async () => {
    const page = await list('source=sso_jit&q=sso&permission_level=collaborator');
    expect(page.results.map((member) => member.name)).toEqual(['Cy Sso', 'Di Sso', 'Ed Sso']);
    expect((await list('source=sso_jit&permission_level=owner')).results).toEqual([]);
  });

  it('pages through one source, and a paging token of one source is refused by another', async () => {
    const first = await list('source=sso_jit&count=2');
    expect(first.results).toHaveLength(2);
    const token = first.metadata.next_paging_token!;
    expect(token).toBeTruthy();
    const second = await list(`source=sso_jit&count=2&paging_token=${token}`);
    expect(second.results.map((member) => member.name)).toEqual(['Ed Sso']);

    const response = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?source=invited&count=2&paging_token=${token}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_paging_token');
    const unfiltered = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?count=2&paging_token=${token}`,
    });
    expect(unfiltered.statusCode).toBe(400);
  });

  it('refuses an unknown source with a 400 naming the field', async () => {
    const response = await owner.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators?source=ldap',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('source');
  });

  it('exports one source, with the source of each member', async () => {
    const response = await owner.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators/export?source=sso_jit',
    });
    expect(response.statusCode).toBe(200);
    const lines = response.body.trim().split(/\r?\n/);
    const column = lines[0]!.split(',').indexOf('source');
    expect(column).toBeGreaterThan(0);
    expect(lines.slice(1).map((line) => line.split(',')[column])).toEqual(['sso_jit', 'sso_jit', 'sso_jit']);
  });
});
