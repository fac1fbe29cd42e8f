import { test, expect } from './fixtures.ts';

// The setup page is scanned in first-run.spec.ts: it exists only before setup.
const ownerPages = [
  { label: 'members (owner)', path: '/settings/members', ready: 'table' },
  {
    label: 'members, no results',
    path: '/settings/members?q=nobody-matches-this',
    ready: 'text=No members match',
  },
  { label: 'invitations', path: '/settings/invitations', ready: 'h1' },
  { label: 'single sign-on', path: '/settings/single-sign-on', ready: 'text=1. Create a SAML app' },
  { label: 'groups', path: '/settings/groups', ready: 'h1' },
  { label: 'clouds', path: '/clouds', ready: 'h1' },
  { label: 'workloads', path: '/workloads', ready: 'h1' },
  { label: 'page not found', path: '/no-such-page', ready: 'h1' },
];

test.describe('zero WCAG 2.2 AA violations', () => {
  for (const { label, path, ready } of ownerPages) {
    test(label, async ({ page, axe }) => {
      await page.goto(path);
      await expect(page.locator(ready).first()).toBeVisible();
      await axe.check(page, { label });
    });
  }

  test('sign-in page', async ({ browser, axe, consoleErrors, roster }) => {
    const context = await browser.newContext({
      baseURL: roster.url,
      storageState: { cookies: [], origins: [] },
    });
    consoleErrors.watch(context);
    const page = await context.newPage();
    await page.goto('/settings/members');
    await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
    await axe.check(page, { label: 'sign-in page' });
    await context.close();
  });

  test('members (collaborator)', async ({ seed, pageAs, axe }) => {
    const page = await pageAs(await seed.member({ name: 'Cleo Collaborator' }));
    await page.goto('/settings/members');
    await expect(page.getByText(/Ask an owner —/)).toBeVisible();
    await expect(page.getByRole('table', { name: /^Members/ })).toBeVisible();
    await axe.check(page, { label: 'members (collaborator)' });
  });

  test('account menu open', async ({ page, axe }) => {
    await page.goto('/settings/members');
    await page.getByRole('button', { name: /account menu/ }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await axe.check(page, { label: 'account menu' });
  });
});

test.describe('at 375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  async function expectNoHorizontalOverflow(page: import('@playwright/test').Page) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page body scrolls sideways').toBeLessThanOrEqual(0);
  }

  test('members as owner fit the screen and stay accessible', async ({ page, seed, axe }) => {
    await seed.member({ name: 'Maximiliana Wolfeschlegelsteinhausen-Bergerdorff' });
    await page.goto('/settings/members');
    await expect(
      page
        .getByRole('table', { name: /^Members/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
    await expectNoHorizontalOverflow(page);
    // The email column folds into the name cell.
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeVisible();
    await axe.check(page, { label: 'members (owner) at 375px' });
  });

  test('members as collaborator fit the screen', async ({ seed, pageAs }) => {
    const page = await pageAs(await seed.member({ name: 'Nico Narrow' }));
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/settings/members');
    await expect(page.getByText(/Ask an owner —/)).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: /^Members/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
