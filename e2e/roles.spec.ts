import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** A toast in the notifications region (Radix also mirrors its text for screen readers). */
function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

const csrf = { 'x-requested-with': 'roster' };

test.describe('changing roles', () => {
  test('an owner makes a collaborator an owner and back; the change survives reload', async ({
    page,
    seed,
  }) => {
    const rory = await seed.member({ name: 'Rory Rolechange' });
    await page.goto(`/settings/members?q=${encodeURIComponent(rory.email)}`);
    const role = page.getByRole('radiogroup', { name: 'Role of Rory Rolechange' });
    await expect(role.getByRole('radio', { name: 'Collaborator' })).toBeChecked();

    await role.getByRole('radio', { name: 'Owner' }).click();
    // Making an owner asks first, naming what they will be able to do.
    const confirm = page.getByRole('alertdialog', { name: 'Make Rory Rolechange an owner?' });
    await expect(confirm).toContainText('invite and remove members');
    await confirm.getByRole('button', { name: 'Make Rory Rolechange an owner' }).click();
    // Optimistic: the row shows the new role at once, and the server agrees.
    await expect(role.getByRole('radio', { name: 'Owner' })).toBeChecked();
    await expect(notification(page, 'Rory Rolechange is now an owner')).toBeVisible();
    const read = await page.request.get(`/api/v2/organization_collaborators/${rory.id}`);
    expect((await read.json()).result.permission_level).toBe('owner');

    await test.step('Undo in the toast puts the old role back', async () => {
      await page
        .getByRole('region', { name: /Notifications/ })
        .getByRole('button', { name: 'Undo' })
        .click();
      await expect(role.getByRole('radio', { name: 'Collaborator' })).toBeChecked();
      await expect(notification(page, 'Rory Rolechange is now a collaborator')).toBeVisible();
      const undone = await page.request.get(`/api/v2/organization_collaborators/${rory.id}`);
      expect((await undone.json()).result.permission_level).toBe('collaborator');
      await role.getByRole('radio', { name: 'Owner' }).click();
      await confirm.getByRole('button', { name: 'Make Rory Rolechange an owner' }).click();
      await expect(role.getByRole('radio', { name: 'Owner' })).toBeChecked();
      await expect
        .poll(
          async () =>
            (await (await page.request.get(`/api/v2/organization_collaborators/${rory.id}`)).json()).result
              .permission_level,
        )
        .toBe('owner');
    });

    await page.reload();
    await expect(role.getByRole('radio', { name: 'Owner' })).toBeChecked();
    await role.getByRole('radio', { name: 'Collaborator' }).click();
    await expect(notification(page, 'Rory Rolechange is now a collaborator')).toBeVisible();
    await expect(role.getByRole('radio', { name: 'Collaborator' })).toBeChecked();
    const again = await page.request.get(`/api/v2/organization_collaborators/${rory.id}`);
    expect((await again.json()).result.permission_level).toBe('collaborator');
  });

  test('a refused change rolls back and says why', async ({ page, seed, pageAs, consoleErrors }) => {
    consoleErrors.allow(/status of 403/);
    const pam = await seed.member({ name: 'Pam Overruled', role: 'owner' });
    const cole = await seed.member({ name: 'Cole Constant' });
    const hers = await pageAs(pam);
    await hers.goto(`/settings/members?q=${encodeURIComponent(cole.email)}`);
    const role = hers.getByRole('radiogroup', { name: 'Role of Cole Constant' });
    await expect(role.getByRole('radio', { name: 'Collaborator' })).toBeChecked();
    // Another owner downgrades Pam while her page is open: the server now refuses her.
    const downgrade = await page.request.patch(`/api/v2/organization_collaborators/${pam.id}`, {
      data: { permission_level: 'collaborator' },
      headers: csrf,
    });
    expect(downgrade.status()).toBe(200);

    await role.getByRole('radio', { name: 'Owner' }).click();
    await hers.getByRole('button', { name: 'Make Cole Constant an owner' }).click();
    await expect(notification(hers, 'Only organization owners can do this.')).toBeVisible();
    await expect(role.getByRole('radio', { name: 'Collaborator' })).toBeChecked();
    const read = await page.request.get(`/api/v2/organization_collaborators/${cole.id}`);
    expect((await read.json()).result.permission_level).toBe('collaborator');
  });

  test('demoting yourself asks first, then the console turns read-only without a reload', async ({
    seed,
    pageAs,
    axe,
  }) => {
    const wes = await seed.member({ name: 'Wes Ownerleaving', role: 'owner' });
    const page = await pageAs(wes);
    await page.goto(`/settings/members?q=${encodeURIComponent(wes.email)}`);
    await expect(page.getByRole('button', { name: 'Invite teammates' })).toBeVisible();
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    const role = page.getByRole('radiogroup', { name: 'Role of Wes Ownerleaving' });
    await role.getByRole('radio', { name: 'Collaborator' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Give up your owner rights?' });
    await expect(dialog).toContainText('You will lose owner rights immediately');
    await axe.check(page, { label: 'self-demotion confirmation' });

    await test.step('Cancel keeps you an owner', async () => {
      await dialog.getByRole('button', { name: 'Stay an owner' }).click();
      await expect(dialog).toBeHidden();
      await expect(role.getByRole('radio', { name: 'Owner' })).toBeChecked();
    });

    await role.getByRole('radio', { name: 'Collaborator' }).click();
    await dialog.getByRole('button', { name: 'Become a collaborator' }).click();
    await expect(notification(page, 'You are now a collaborator')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Invite teammates' })).toHaveCount(0);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await expect(page.getByText(/Ask an owner —/)).toBeVisible();
    expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
  });

  test('a promotion reaches the promoted person’s open console on their next navigation', async ({
    page,
    seed,
    pageAs,
  }) => {
    const pia = await seed.member({ name: 'Pia Promoted' });
    const theirs = await pageAs(pia);
    await theirs.goto('/settings/members');
    await expect(theirs.getByText(/Ask an owner —/)).toBeVisible();

    await page.goto(`/settings/members?q=${encodeURIComponent(pia.email)}`);
    await page
      .getByRole('radiogroup', { name: 'Role of Pia Promoted' })
      .getByRole('radio', { name: 'Owner' })
      .click();
    await page.getByRole('button', { name: 'Make Pia Promoted an owner' }).click();
    await expect(notification(page, 'Pia Promoted is now an owner')).toBeVisible();

    await theirs.getByRole('link', { name: 'API keys' }).click();
    await theirs
      .getByRole('navigation', { name: 'Organization settings' })
      .getByRole('link', { name: 'Members' })
      .click();
    await expect(theirs.getByRole('button', { name: 'Invite teammates' })).toBeVisible();
    await expect(theirs.getByRole('link', { name: 'Audit log' })).toBeVisible();

    // Other journeys list the organization's owners: leave Pia as we found her.
    const back = await page.request.patch(`/api/v2/organization_collaborators/${pia.id}`, {
      data: { permission_level: 'collaborator' },
      headers: csrf,
    });
    expect(back.status()).toBe(200);
  });
});
