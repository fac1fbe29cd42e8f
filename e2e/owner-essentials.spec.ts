import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, uniqueSuffix, type Axe } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

async function downloadText(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
}

test.describe('owner essentials', () => {
  test('a member page opens from a deep link and from the name in the table', async ({
    page,
    seed,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 404 .*\/profile\)/);
    const dana = await seed.member({ name: `Dana Deeplink ${uniqueSuffix()}` });
    await page.goto(`/settings/members/${dana.id}`);
    await expect(page.getByRole('heading', { level: 1, name: dana.name })).toBeVisible();
    await expect(page.getByText(dana.email)).toBeVisible();
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByText('Collaborator')).toBeVisible();
    await expect(details.getByText('Added without an invitation')).toBeVisible();
    await expect(details.getByText('Never')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Access', exact: true })).toBeVisible();
    await expect(page.getByText('No cloud access')).toBeVisible();
    await expect(page.getByText('No API keys')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Workloads they created' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Make owner' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Remove from organization' })).toBeEnabled();

    await page.goto(`/settings/members?q=${encodeURIComponent(dana.email)}`);
    await page.getByRole('link', { name: dana.name }).click();
    await expect(page).toHaveURL(new RegExp(`/settings/members/${dana.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: dana.name })).toBeFocused();

    await page.goto('/settings/members/00000000-0000-0000-0000-000000000000');
    await expect(page.getByText('This member is not in the organization')).toBeVisible();
  });

  test('the member list exports as CSV: 10,000 members of a search, one row each', async ({
    page,
    roster,
  }) => {
    test.setTimeout(90_000);
    const suffix = uniqueSuffix();
    const domain = `bulk${suffix}.test`;
    const seeded = await fetch(`${roster.controlUrl}/bulk-members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 10_000, prefix: `Zz Export ${suffix}`, domain }),
    });
    expect(seeded.status).toBe(201);

    await page.goto(`/settings/members?q=${domain}`);
    await expect(page.getByRole('status').filter({ hasText: '1,000+ members found' })).toBeVisible();
    const { name, text } = await downloadText(page, () =>
      page.getByRole('link', { name: 'Export these members (CSV)' }).click(),
    );
    expect(name).toMatch(/^roster-members-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'id,user_id,name,email,permission_level,created_at,last_active_at,source,last_sso_login_at',
    );
    expect(lines).toHaveLength(1 + 10_000);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(10_000);
    expect(lines.slice(1).every((line) => line.includes(`@${domain},collaborator,`))).toBe(true);
    // In the list's order (by name), first and last.
    expect(lines[1]).toContain(`Zz Export ${suffix} 00001,`);
    expect(lines.at(-1)).toContain(`Zz Export ${suffix} 10000,`);

    const log = await page.request.get('/api/v2/audit_events?action=member.list_exported&count=1');
    expect((await log.json()).results[0].after).toMatchObject({ q: domain });
  });

  test('the audit log filters by date range and exports that range', async ({ page }) => {
    const today = new Date().toISOString().slice(0, 10);
    // Something to find today.
    const key = await page.request.post('/api/v2/api_keys', {
      data: { name: `range ${uniqueSuffix()}` },
      headers: csrf,
    });
    expect(key.status()).toBe(201);

    await page.goto('/settings/audit-log');
    await page.getByLabel('From', { exact: true }).fill('2001-01-01');
    await page.getByLabel('To', { exact: true }).fill('2001-01-31');
    await expect(page).toHaveURL(/from=2001-01-01&to=2001-01-31/);
    await expect(page.getByText('No events match these filters')).toBeVisible();

    // A start after the end takes the end with it.
    await page.getByLabel('From', { exact: true }).fill(today);
    await expect(page.getByLabel('To', { exact: true })).toHaveValue(today);
    await expect(page.getByRole('table', { name: /Audit log of/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Created an API key/ }).first()).toBeVisible();
    const api = await page.request.get(
      `/api/v2/audit_events?from=${today}T00:00:00Z&to=${new Date(Date.parse(today) + 86_400_000).toISOString()}&count=1`,
    );
    const total = (await api.json()).metadata.total as number;

    const { name, text } = await downloadText(page, () =>
      page.getByRole('link', { name: 'Export these events (CSV)' }).click(),
    );
    expect(name).toMatch(/^roster-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^time,action,actor_name/);
    // Every event of the range, and the export itself, recorded before the first row was read.
    expect(lines.length - 1).toBe(total + 1);
    expect(lines[1]).toContain(',audit.exported,');
    expect(lines.slice(1).every((line) => line.startsWith(today))).toBe(true);
    expect(text).toContain('api_key.created');
  });

  test('keyboard: / focuses search, arrows move between rows, Enter opens the member', async ({
    page,
    seed,
  }) => {
    const suffix = uniqueSuffix();
    const people = await Promise.all(
      ['Kay Alpha', 'Kay Bravo', 'Kay Charlie'].map((name) => seed.member({ name: `${name} ${suffix}` })),
    );
    await page.goto(`/settings/members?q=${suffix}`);
    const table = page.getByRole('table', { name: /^Members/ });
    await expect(table.getByRole('row')).toHaveCount(4);

    await page.getByRole('heading', { name: 'Members', level: 1 }).click();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search members by name or email' })).toBeFocused();
    // Typing a slash in the box is just a slash.
    await page.keyboard.press('End');
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search members by name or email' })).toHaveValue(
      `${suffix}/`,
    );
    await page.keyboard.press('Backspace');

    // The table is one Tab stop: the first row.
    const rows = table.locator('tbody tr');
    await rows.first().focus();
    await expect(rows.nth(0)).toBeFocused();
    await expect(rows.nth(1)).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    await expect(rows.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(rows.nth(0)).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('End');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(rows.nth(1)).toBeFocused();
    // Controls of other rows are out of the Tab order; this row's are in it.
    await expect(rows.nth(0).getByRole('checkbox')).toHaveAttribute('tabindex', '-1');
    await expect(rows.nth(1).getByRole('checkbox')).not.toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/settings/members/${people[1]!.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: people[1]!.name })).toBeVisible();

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('the theme follows the system, and the user menu choice sticks across reloads', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/settings/members');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await page.getByRole('button', { name: /account menu/i }).click();
    await expect(page.getByRole('menuitemradio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('menuitemradio', { name: 'System' }).click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  });
});

type Scan = { label: string; open: (page: Page) => Promise<void> };

async function scanAll(page: Page, axe: Axe, scans: Scan[], theme: string, width: number) {
  for (const scan of scans) {
    await test.step(`${scan.label} (${theme}, ${width}px)`, async () => {
      await scan.open(page);
      await axe.check(page, { label: `${scan.label} (${theme}, ${width}px)` });
      await page.keyboard.press('Escape');
    });
  }
}

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1440, 375]) {
    test(`axe: every page and dialog in the ${theme} theme at ${width}px`, async ({ page, seed, axe }) => {
      // About twenty axe scans: 42–58 s on an idle machine, past 120 s on a loaded CI machine.
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: width > 1000 ? 900 : 812 });
      await page.emulateMedia({ colorScheme: theme });
      const person = await seed.member({ name: `Axe Person ${uniqueSuffix()}` });
      const cloud = await page.request.post('/api/v2/clouds', {
        data: { name: `Axe cloud ${uniqueSuffix()}`, provider: 'aws', region: 'eu-west-1' },
        headers: csrf,
      });
      const cloudId = (await cloud.json()).result.id as string;
      const groupResponse = await page.request.post('/api/v2/groups', {
        data: { name: `Axe group ${uniqueSuffix()}`, user_ids: [person.user_id] },
        headers: csrf,
      });
      const group = (await groupResponse.json()).result as { id: string; name: string };
      await page.request.post(`/api/v2/clouds/${cloudId}/group_grants`, {
        data: { group_ids: [group.id], role: 'readonly' },
        headers: csrf,
      });
      const go = (path: string, ready: string | RegExp) => async (p: Page) => {
        await p.goto(path);
        await expect(p.getByRole('heading', { level: 1, name: ready })).toBeVisible();
        await expect(p.locator('[aria-busy="true"]')).toHaveCount(0);
      };
      const dialog =
        (path: string, ready: string, button: string | RegExp, kind = 'dialog') =>
        async (p: Page) => {
          await go(path, ready)(p);
          await p.getByRole('button', { name: button }).first().click();
          await expect(p.getByRole(kind as 'dialog').first()).toBeVisible();
        };
      const scans: Scan[] = [
        { label: 'members', open: go(`/settings/members?q=${encodeURIComponent(person.email)}`, 'Members') },
        { label: 'member page', open: go(`/settings/members/${person.id}`, person.name) },
        { label: 'invitations', open: go('/settings/invitations', 'Invitations') },
        { label: 'audit log', open: go('/settings/audit-log', 'Audit log') },
        { label: 'API keys', open: go('/settings/api-keys', 'API keys') },
        { label: 'directory sync', open: go('/settings/directory-sync', 'Directory sync (SCIM)') },
        { label: 'single sign-on', open: go('/settings/single-sign-on', 'Single sign-on (SAML)') },
        { label: 'clouds', open: go('/clouds', 'Clouds') },
        {
          label: 'cloud page',
          open: async (p) => {
            await p.goto(`/clouds/${cloudId}`);
            await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
            await expect(p.locator('[aria-busy="true"]')).toHaveCount(0);
          },
        },
        { label: 'workloads', open: go('/workloads', 'Workloads') },
        { label: 'groups', open: go('/settings/groups', 'Groups') },
        { label: 'group page', open: go(`/settings/groups/${group.id}`, group.name) },
        { label: 'cloud access report', open: go(`/clouds/${cloudId}/access-report`, /^Access report/) },
        { label: 'create group dialog', open: dialog('/settings/groups', 'Groups', 'Create group') },
        {
          label: 'delete group dialog',
          open: async (p) => {
            await dialog(`/settings/groups/${group.id}`, group.name, 'Delete group', 'alertdialog')(p);
            // The button turns on once the preview of what deleting does has loaded; its colour
            // change is a transition, judged at rest only after it has begun.
            await expect(p.getByRole('button', { name: `Delete ${group.name}` })).toBeEnabled();
          },
        },
        {
          label: 'add people or groups dialog',
          open: async (p) => {
            await p.goto(`/clouds/${cloudId}`);
            await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
            await p.getByRole('button', { name: 'Add people or groups' }).click();
            await expect(p.getByRole('dialog')).toBeVisible();
          },
        },
        { label: 'invite dialog', open: dialog('/settings/members', 'Members', 'Invite teammates') },
        {
          label: 'remove dialog',
          open: dialog(
            `/settings/members/${person.id}`,
            person.name,
            'Remove from organization',
            'alertdialog',
          ),
        },
        {
          label: 'promotion dialog',
          open: dialog(`/settings/members/${person.id}`, person.name, 'Make owner', 'alertdialog'),
        },
        { label: 'create API key dialog', open: dialog('/settings/api-keys', 'API keys', 'Create API key') },
        {
          label: 'create SCIM token dialog',
          open: dialog('/settings/directory-sync', 'Directory sync (SCIM)', 'Create token'),
        },
        { label: 'register cloud dialog', open: dialog('/clouds', 'Clouds', /Register (a )?cloud/) },
        { label: 'new workspace dialog', open: dialog('/workloads', 'Workloads', 'New workspace') },
        {
          label: 'account menu',
          open: async (p) => {
            await go('/settings/members', 'Members')(p);
            await p.getByRole('button', { name: /account menu/i }).click();
            await expect(p.getByRole('menu')).toBeVisible();
          },
        },
        {
          label: 'keyboard shortcuts',
          open: async (p) => {
            await go('/settings/members', 'Members')(p);
            await p.keyboard.press('?');
            await expect(p.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
          },
        },
      ];
      await scanAll(page, axe, scans, theme, width);
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    });
  }
}
