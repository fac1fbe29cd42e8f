import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, uniqueSuffix } from './fixtures.ts';

/** A toast in the notifications region (Radix also mirrors its text for screen readers). */
function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

const csrf = { 'x-requested-with': 'roster' };

async function post(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { data, headers: csrf });
  expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true);
  // One object answers in the platform's envelope: { result: … }.
  return (await response.json()).result;
}

test.describe('removing people', () => {
  test('an owner is offered make-collaborator-and-remove; once downgraded, the dialog shows real counts and the cloud transfer', async ({
    page,
    seed,
    pageAs,
    axe,
  }) => {
    const tara = await seed.member({ name: 'Tara Departing', role: 'owner' });
    const kim = await seed.member({ name: 'Kim Keeper' });
    const taraPage = await pageAs(tara);
    const cloudName = `Tara cloud ${uniqueSuffix()}`;

    await test.step('Tara creates things: a cloud she owns, workloads, an API key', async () => {
      const cloud = await post(page.request, '/api/v2/clouds', {
        name: cloudName,
        provider: 'aws',
        region: 'eu-west-1',
      });
      await post(page.request, `/api/v2/clouds/${cloud.id}/transfer_ownership`, { user_id: tara.user_id });
      for (const [name, kind] of [
        ['notebook-a', 'workspace'],
        ['notebook-b', 'workspace'],
        ['nightly-train', 'job'],
      ]) {
        await post(taraPage.request, '/api/v2/workloads', { cloud_id: cloud.id, name, kind });
      }
      await post(taraPage.request, '/api/v2/api_keys', { name: 'tara laptop' });
      await taraPage.goto('/settings/members');
      await expect(taraPage.getByRole('heading', { name: 'Members' })).toBeVisible();
    });

    await page.goto(`/settings/members?q=${encodeURIComponent('Tara Departing')}`);
    const dialog = page.getByRole('alertdialog');

    await test.step('removing an owner says it makes them a collaborator first, in the same step', async () => {
      await page.getByRole('button', { name: 'Actions for Tara Departing' }).click();
      await page.getByRole('menuitem', { name: 'Remove…' }).click();
      await expect(dialog).toContainText('Tara Departing is an owner. Confirming makes them a collaborator');
      await expect(
        dialog.getByRole('button', { name: 'Make collaborator and remove Tara Departing' }),
      ).toBeEnabled();
      await axe.check(page, { label: 'removal dialog for an owner' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });

    await test.step('downgrade Tara', async () => {
      const role = page.getByRole('radiogroup', { name: 'Role of Tara Departing' });
      await role.getByRole('radio', { name: 'Collaborator' }).click();
      await expect(notification(page, 'Tara Departing is now a collaborator')).toBeVisible();
    });

    await test.step('the dialog shows what Tara created and offers the cloud to another member', async () => {
      await page.getByRole('button', { name: 'Actions for Tara Departing' }).click();
      await page.getByRole('menuitem', { name: 'Remove…' }).click();
      await expect(dialog.getByRole('heading', { name: 'Remove Tara Departing?' })).toBeVisible();
      const workspaces = dialog.getByRole('listitem').filter({ hasText: 'Workspaces' });
      await expect(workspaces).toContainText('2 running · 2 in all');
      await expect(workspaces).toContainText('Remain running unless you terminate them');
      await expect(workspaces.getByRole('link')).toHaveAttribute(
        'href',
        `/workloads?creator=${tara.id}&kind=workspace`,
      );
      await expect(dialog.getByRole('listitem').filter({ hasText: 'Jobs' })).toContainText(
        '1 running · 1 in all',
      );
      // Only what she has: no Services row.
      await expect(dialog.getByRole('listitem').filter({ hasText: 'Services' })).toHaveCount(0);
      await expect(dialog.getByRole('heading', { name: '1 cloud they own' })).toBeVisible();
      await expect(dialog).toContainText('1 API key revoked');
      await expect(dialog).toContainText('1 active session signed out');
      const picker = dialog.getByRole('combobox', { name: `Transfer ownership of ${cloudName} to` });
      await expect(dialog).toContainText(`the organization owners become the implicit owner of ${cloudName}`);
      await axe.check(page, { label: 'removal dialog with counts' });
      // Typing narrows the list; choosing is what commits (nothing else can silently win).
      await picker.fill(kim.email);
      await dialog.getByRole('option', { name: new RegExp(`Kim Keeper`) }).click();
      await expect(dialog.getByRole('list', { name: 'Chosen member' })).toContainText('Kim Keeper');
      await expect(dialog).toContainText(`Kim Keeper will own ${cloudName}`);
    });

    await test.step('confirming removes Tara, moves the cloud, and says what was done', async () => {
      await dialog.getByRole('button', { name: 'Remove Tara Departing' }).click();
      await expect(dialog).toBeHidden();
      await expect(notification(page, 'Removed 1 member')).toBeVisible();
      await expect(
        notification(page, /1 cloud transferred · 1 API key revoked · 1 session ended/),
      ).toBeVisible();
      await expect(page.getByRole('row', { name: /Tara Departing/ })).toHaveCount(0);
      const clouds = await page.request.get('/api/v2/clouds?count=100');
      const moved = (await clouds.json()).results.find((cloud: { name: string }) => cloud.name === cloudName);
      expect(moved.owner).toMatchObject({ user_id: kim.user_id });
    });

    await test.step('Tara’s open console is sent to sign-in on her next action', async () => {
      await taraPage.getByRole('link', { name: 'API keys' }).click();
      await expect(taraPage).toHaveURL(/\/login\?reason=session_ended/);
      await expect(taraPage.getByText('Your session has ended. Sign in again to continue.')).toBeVisible();
    });
  });

  test('bulk removal of two collaborators', async ({ page, seed, pageAs, axe }) => {
    const tag = uniqueSuffix();
    const [first, second] = await Promise.all([
      seed.member({ name: `Bulky Bea ${tag}` }),
      seed.member({ name: `Bulky Bo ${tag}` }),
    ]);
    const beaPage = await pageAs(first!);
    await beaPage.goto('/settings/api-keys');
    await expect(beaPage.getByRole('heading', { name: 'API keys' })).toBeVisible();

    await page.goto(`/settings/members?q=${encodeURIComponent(tag)}`);
    await page.getByRole('checkbox', { name: `Select ${first!.name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${second!.name}` }).check();
    const bar = page.getByRole('region', { name: 'Selected members' });
    await expect(bar).toContainText('2 selected');
    await bar.getByRole('button', { name: 'Remove 2 members' }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Remove 2 members?' });
    await expect(dialog).toContainText(`${first!.name} and ${second!.name} will lose access`);
    await expect(dialog).toContainText('1 active session signed out');
    await axe.check(page, { label: 'bulk removal dialog' });
    await dialog.getByRole('button', { name: 'Remove 2 members' }).click();
    await expect(notification(page, 'Removed 2 members')).toBeVisible();
    await expect(page.getByText(`No members match “${tag}”`)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Selected members' })).toHaveCount(0);

    await test.step('the removed person’s open browser is bounced to sign-in', async () => {
      await beaPage.getByRole('link', { name: 'Members' }).first().click();
      await expect(beaPage).toHaveURL(/\/login\?reason=session_ended/);
    });
  });

  test('a selection with an owner removes its collaborators and says which owner was left out', async ({
    page,
    seed,
    axe,
  }) => {
    const tag = uniqueSuffix();
    const [boss, helper] = await Promise.all([
      seed.member({ name: `Zed Boss ${tag}`, role: 'owner' }),
      seed.member({ name: `Zed Helper ${tag}` }),
    ]);
    await page.goto(`/settings/members?q=${encodeURIComponent(tag)}`);
    await page.getByRole('checkbox', { name: 'Select all members on this page' }).check();
    await expect(page.getByRole('region', { name: 'Selected members' })).toContainText(
      `owner ${boss!.name} left out of removal`,
    );
    await page.getByRole('button', { name: 'Remove 1 collaborator' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.getByRole('heading', { name: `Remove ${helper!.name}?` })).toBeVisible();
    await expect(dialog).toContainText(`Left out of this removal: ${boss!.name} (an owner)`);
    await axe.check(page, { label: 'bulk removal with an owner left out' });
    await dialog.getByRole('button', { name: `Remove ${helper!.name}` }).click();
    await expect(notification(page, 'Removed 1 member')).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(boss!.name) })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(helper!.name) })).toHaveCount(0);

    // Other journeys list the organization's owners: do not leave an extra one behind.
    const back = await page.request.patch(`/api/v2/organization_collaborators/${boss!.id}`, {
      data: { permission_level: 'collaborator' },
      headers: csrf,
    });
    expect(back.status()).toBe(200);
  });
});

test('keyboard only: remove a member from the row menu, and focus lands on the next row', async ({
  page,
  seed,
}) => {
  const tag = uniqueSuffix();
  const [first, second] = await Promise.all([
    seed.member({ name: `Kay Board ${tag} A` }),
    seed.member({ name: `Kay Board ${tag} B` }),
  ]);
  await page.goto(`/settings/members?q=${encodeURIComponent(tag)}&sort=name`);
  const actions = page.getByRole('button', { name: `Actions for ${first!.name}` });
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  // Make collaborator / View workloads / Remove…: the last item is Remove.
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Remove…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: `Remove ${first!.name}?` });
  await expect(dialog.getByRole('button', { name: `Remove ${first!.name}` })).toBeEnabled();

  await test.step('Cancel gives focus back to the row’s ⋯ button', async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(actions).toBeFocused();
  });

  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Remove…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: `Remove ${first!.name}` })).toBeEnabled();
  await dialog.getByRole('button', { name: `Remove ${first!.name}` }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(first!.name) })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Actions for ${second!.name}` })).toBeFocused();
});
