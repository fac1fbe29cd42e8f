import type { Locator, Page } from '@playwright/test';
import { test, expect, owner, uniqueSuffix } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

/** Presses Tab (or Shift+Tab) until `target` has focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach ${target} with the keyboard`);
}

/** Types a search into the member combobox and chooses the first match with Enter. */
async function chooseByKeyboard(page: Page, combobox: Locator, name: string) {
  await expect(combobox).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(name);
  const listbox = page.getByRole('listbox');
  // Wait until the results are for what was typed, then the only match is highlighted.
  await expect(listbox).not.toHaveAttribute('aria-busy', 'true');
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option', { name: new RegExp(name) })).toBeVisible();
  await page.keyboard.press('Enter');
}

test('an owner registers a cloud and manages its users with the keyboard alone', async ({
  page,
  seed,
  axe,
}) => {
  // A long walk (every step by keyboard, seven axe scans): 20–24 s on an idle machine, past the
  // default 45 s when the suite shares two cores with its server and browsers.
  test.slow();
  const sfx = uniqueSuffix();
  const cloudName = `Keyboard cloud ${sfx}`;
  const nadia = await seed.member({ name: `Nadia Keys${sfx}` });
  const omar = await seed.member({ name: `Omar Keys${sfx}` });
  const pia = await seed.member({ name: `Pia Keys${sfx}` });

  await page.goto('/clouds');
  await expect(page.getByRole('heading', { name: 'Clouds', level: 1 })).toBeVisible();

  await test.step('register a cloud', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Register cloud' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Register a cloud' });
    await expect(dialog).toBeVisible();
    await axe.check(page, { label: 'register cloud dialog' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await page.keyboard.type(cloudName);
    await page.keyboard.press('Tab');
    await dialog.getByLabel('Provider').selectOption({ label: 'AWS' });
    await page.keyboard.press('Tab');
    await page.keyboard.type('us-west-2');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Registered ${cloudName}`, { exact: true })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(cloudName) });
    await expect(row).toContainText(owner.name);
    await axe.check(page, { label: 'clouds (owner)' });
  });

  await test.step('open the cloud', async () => {
    await tabTo(page, page.getByRole('link', { name: cloudName }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: cloudName, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Manage users' })).toBeVisible();
    const people = page.getByRole('list', { name: `People with access to ${cloudName}` });
    const me = people.getByRole('listitem').filter({ hasText: owner.email });
    const why = me.getByRole('list', { name: `Why ${owner.name} has access` });
    await expect(why).toContainText('Organization owner (implicit)');
    await expect(why).toContainText('Cloud owner');
    // Implicit and ownership access have no grant to remove.
    await expect(me.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await axe.check(page, { label: 'cloud detail (owner)' });
  });

  await test.step('add two members by searching, correcting a mistake with the chips', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Add people or groups' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add people or groups to ${cloudName}` });
    const combobox = dialog.getByRole('combobox', { name: 'People' });
    await expect(combobox).toBeFocused();

    await chooseByKeyboard(page, combobox, pia.name);
    await chooseByKeyboard(page, combobox, nadia.name);
    await axe.check(page, { label: 'add members dialog, list open' });
    // Escape closes the list, not the dialog.
    await page.keyboard.press('Escape');
    await expect(combobox).toHaveAttribute('aria-expanded', 'false');
    await expect(dialog).toBeVisible();

    // Pia was a mistake: her chip's remove button is one Shift+Tab back.
    const chips = dialog.getByRole('list', { name: 'Chosen members' });
    await expect(chips.getByRole('listitem')).toHaveText([new RegExp(pia.name), new RegExp(nadia.name)]);
    await tabTo(page, chips.getByRole('button', { name: `Remove ${pia.name}` }), { backwards: true });
    await page.keyboard.press('Enter');
    await expect(chips.getByRole('listitem')).toHaveText([new RegExp(nadia.name)]);
    await expect(combobox).toBeFocused();

    await chooseByKeyboard(page, combobox, omar.name);
    await page.keyboard.press('Escape');
    await tabTo(page, dialog.getByRole('button', { name: 'Add 2 with write' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(`Added ${nadia.name} and ${omar.name} to ${cloudName}`, { exact: true }),
    ).toBeVisible();

    const people = page.getByRole('list', { name: `People with access to ${cloudName}` });
    for (const person of [nadia, omar]) {
      await expect(people.getByRole('listitem').filter({ hasText: person.email })).toContainText(
        `Granted Write by ${owner.name} on`,
      );
    }
    await expect(people.getByRole('listitem').filter({ hasText: pia.email })).toHaveCount(0);
  });

  await test.step('remove one of them after confirming', async () => {
    await tabTo(page, page.getByRole('button', { name: `Remove ${nadia.name}’s direct grant` }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog', {
      name: `Remove ${nadia.name}’s direct grant on ${cloudName}?`,
    });
    await expect(confirm).toContainText('will no longer see');
    await axe.check(page, { label: 'remove access dialog' });
    await tabTo(page, confirm.getByRole('button', { name: 'Remove grant' }));
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    const people = page.getByRole('list', { name: `People with access to ${cloudName}` });
    await expect(people.getByRole('listitem').filter({ hasText: nadia.email })).toHaveCount(0);
    await expect(people.getByRole('listitem').filter({ hasText: omar.email })).toBeVisible();
  });

  await test.step('transfer ownership to Omar, then return it to the organization owners', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Transfer ownership' }), { max: 120 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Transfer ownership of ${cloudName}` });
    const combobox = dialog.getByRole('combobox', { name: 'New owner' });
    await chooseByKeyboard(page, combobox, omar.name);
    await expect(dialog).toContainText(`${omar.name} becomes the owner of ${cloudName}`);
    await expect(dialog).toContainText(`${owner.name} no longer owns it`);
    await axe.check(page, { label: 'transfer ownership dialog' });
    await tabTo(page, dialog.getByRole('button', { name: `Transfer to ${omar.name}` }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();

    const summary = page.getByRole('definition').filter({ hasText: omar.email });
    await expect(summary).toContainText(omar.name);
    const people = page.getByRole('list', { name: `People with access to ${cloudName}` });
    const omarRow = people.getByRole('listitem').filter({ hasText: omar.email });
    await expect(omarRow).toContainText('Cloud owner');

    await tabTo(page, page.getByRole('button', { name: 'Return to organization owners' }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog', {
      name: `Return ${cloudName} to the organization owners?`,
    });
    await axe.check(page, { label: 'return ownership dialog' });
    await tabTo(page, confirm.getByRole('button', { name: 'Return to organization owners' }));
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Organization owners (implicit)')).toBeVisible();
  });

  await test.step('the list shows the result', async () => {
    await page.goto('/clouds');
    const row = page.getByRole('row', { name: new RegExp(cloudName) });
    await expect(row).toContainText('Organization owners (implicit)');
  });
});

test('organization owners are never offered in Add people or groups, with the reason', async ({
  page,
  seed,
}) => {
  const sfx = uniqueSuffix();
  const created = await page.request.post('/api/v2/clouds', {
    data: { name: `Owners cloud ${sfx}`, provider: 'gcp', region: 'europe-west1' },
    headers: csrf,
  });
  expect(created.status()).toBe(201);
  const cloud = ((await created.json()) as { result: { id: string; name: string } }).result;
  const coOwner = await seed.member({ name: `Quinn Owner${sfx}`, role: 'owner' });

  await page.goto(`/clouds/${cloud.id}`);
  await page.getByRole('button', { name: 'Add people or groups' }).click();
  const combobox = page.getByRole('combobox', { name: 'People' });
  await combobox.fill(coOwner.name);
  await expect(page.getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('option')).toHaveCount(1);
  const option = page.getByRole('option', { name: new RegExp(coOwner.name) });
  await expect(option).toHaveAttribute('aria-disabled', 'true');
  await expect(option).toContainText('Already has access (organization owner)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Chosen members' })).toHaveCount(0);
});

test.describe('at 375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the cloud page and Manage users fit without sideways scrolling', async ({ page, axe }) => {
    const created = await page.request.post('/api/v2/clouds', {
      data: { name: `Narrow cloud ${uniqueSuffix()}`, provider: 'azure', region: 'westeurope' },
      headers: csrf,
    });
    const cloud = ((await created.json()) as { result: { id: string } }).result;
    for (const path of ['/clouds', `/clouds/${cloud.id}`]) {
      await page.goto(path);
      await expect(page.locator('h1').first()).toBeVisible();
      await expect(page.getByRole('status').first()).not.toHaveText('');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await axe.check(page, { label: `${path} at 375px` });
    }
  });
});
