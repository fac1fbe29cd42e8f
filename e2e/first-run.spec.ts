import { test, expect } from './fixtures.ts';

// Runs against its own empty server (see playwright.config.ts): the only
// moment the setup page exists.
test('first run: set up the organization, sign out, sign in, find people, page through', async ({
  page,
  seed,
  axe,
}) => {
  const founder = {
    name: 'Riley Founder',
    email: 'riley@founders.test',
    password: 'a long enough passphrase',
  };

  await test.step('an empty database opens Setup', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { name: 'Set up Roster' })).toBeVisible();
    await axe.check(page, { label: 'setup page' });
  });

  await test.step('setup creates the organization and signs the first owner in', async () => {
    await page.getByLabel('Organization name').fill('Founders Inc');
    await page.getByLabel('Your name').fill(founder.name);
    await page.getByLabel('Email').fill(founder.email);
    await page.getByLabel('Password').fill(founder.password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page).toHaveURL(/\/settings\/members$/);
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Riley Founder/ })).toContainText('Owner');
    await expect(page.getByRole('status').filter({ hasText: /^1 member$/ })).toBeVisible();
  });

  await test.step('a first-run checklist says what to do next, and stays dismissed', async () => {
    const checklist = page.getByRole('region', { name: 'Get Founders Inc started' });
    await expect(checklist).toContainText('0 of 3 done');
    await expect(checklist).not.toContainText(/ask an? (organization )?owner/i);
    await axe.check(page, { label: 'members with the first-run checklist' });
    // The checklist never pushes the list down by appearing above it later,
    // even when its data (clouds, API keys) is the last to arrive.
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.route(/\/api\/v2\/(clouds|api_keys)\b/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.reload();
    await expect(checklist).toContainText('0 of 3 done');
    await expect(page.getByRole('row', { name: /Riley Founder/ })).toBeVisible();
    await page.waitForTimeout(200);
    const shifted = await page.evaluate(() =>
      (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0),
    );
    expect(shifted).toBeLessThan(0.01);
    await page.unrouteAll();
    await checklist.getByRole('button', { name: 'Dismiss this checklist' }).click();
    await expect(checklist).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Riley Founder/ })).toBeVisible();
    await expect(checklist).toHaveCount(0);
  });

  await test.step('setup is gone once the organization exists', async () => {
    await page.goto('/setup');
    await expect(page).toHaveURL(/\/settings\/members$/);
  });

  // 31 more people so the list has two pages of 25.
  await seed.members(30);
  await seed.member({ name: 'Zelda Quartz' });

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: `${founder.name}, account menu` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await axe.check(page, { label: 'sign-in page' });
  });

  await test.step('sign in', async () => {
    await page.getByLabel('Email').fill(founder.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That email and password do not match.');
    await page.getByLabel('Password').fill(founder.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/settings\/members$/);
  });

  const members = page.getByRole('table', { name: 'Members of Founders Inc' });
  const rows = members.getByRole('row');

  await test.step('the member list shows the first page', async () => {
    await expect(page.getByRole('status').filter({ hasText: '32 members' })).toBeVisible();
    await expect(rows).toHaveCount(26); // header + 25
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Showing 1–25 of 32');
  });

  await test.step('search by name narrows the list and lands in the URL', async () => {
    await page.getByRole('searchbox', { name: 'Search members by name or email' }).fill('quartz');
    await expect(page).toHaveURL(/[?&]q=quartz/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Zelda Quartz');
    await expect(page.getByRole('status').filter({ hasText: '1 member found' })).toBeVisible();
  });

  await test.step('clearing the search and paging to page 2', async () => {
    await page.getByRole('searchbox', { name: 'Search members by name or email' }).fill('');
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(rows).toHaveCount(26);
    const firstPageNames = await rows.locator('th[scope="row"]').allInnerTexts();

    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/[?&]page=/);
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Showing 26–32 of 32');
    await expect(rows).toHaveCount(8);
    await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
    const secondPageNames = await rows.locator('th[scope="row"]').allInnerTexts();
    expect(secondPageNames.filter((name) => firstPageNames.includes(name))).toEqual([]);

    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Showing 1–25 of 32');
    expect(await rows.locator('th[scope="row"]').allInnerTexts()).toEqual(firstPageNames);
  });
});
