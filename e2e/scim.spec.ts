import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

test('an owner gives the identity provider a SCIM token, shown once, that works until it is revoked', async ({
  page,
  seed,
  pageAs,
  axe,
}) => {
  const name = `Okta ${Date.now().toString(36)}`;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/settings');
  await page
    .getByRole('navigation', { name: 'Organization settings' })
    .getByRole('link', { name: 'Directory sync (SCIM)' })
    .click();
  await expect(page.getByRole('heading', { name: 'Directory sync (SCIM)', level: 1 })).toBeVisible();
  await expect(
    page.getByText("Paste this URL and a token into your identity provider's SCIM app"),
  ).toBeVisible();

  const endpoint = page.getByRole('textbox', { name: 'SCIM endpoint URL' });
  await expect(endpoint).toHaveValue(/\/scim\/v2$/);
  await page.getByRole('button', { name: 'Copy URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await endpoint.inputValue());
  await axe.check(page, { label: 'directory sync' });

  await page.getByRole('button', { name: 'Create token' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Name the token.')).toBeVisible();
  await axe.check(page, { label: 'create SCIM token dialog, name missing' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByRole('heading', { name: 'Copy your new SCIM token' })).toBeVisible();
  await expect(dialog).toContainText('will not be shown again');
  const token = await dialog.getByLabel(`SCIM token ${name}`).inputValue();
  expect(token.length).toBeGreaterThan(20);
  await axe.check(page, { label: 'new SCIM token dialog' });
  await dialog.getByRole('button', { name: 'Copy token' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Never');
  expect(await page.content()).not.toContain(token);

  await test.step('the identity provider lists users with it', async () => {
    const users = await page.request.get('/scim/v2/Users', { headers: { authorization: `Bearer ${token}` } });
    expect(users.status()).toBe(200);
    expect((await users.json()).schemas).toContain('urn:ietf:params:scim:api:messages:2.0:ListResponse');
    await page.reload();
    await expect(row).not.toContainText('Never');
  });

  await test.step('revoked after a confirmation naming it, the same request answers 401', async () => {
    await row.getByRole('button', { name: new RegExp(`Revoke ${name}`) }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke “${name}”?` });
    await expect(confirm).toBeVisible();
    await axe.check(page, { label: 'revoke SCIM token dialog' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await expect(confirm).toBeHidden();
    await expect(notification(page, `Revoked “${name}”`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    const dead = await page.request.get('/scim/v2/Users', { headers: { authorization: `Bearer ${token}` } });
    expect(dead.status()).toBe(401);
  });

  await test.step('a collaborator gets the owner-only page and no tab', async () => {
    const collaborator = await pageAs(await seed.member({ name: 'Sam Nonowner' }));
    await collaborator.goto('/settings/directory-sync');
    await expect(
      collaborator.getByRole('heading', { name: 'Only organization owners can open this page' }),
    ).toBeVisible();
    await collaborator.goto('/settings/members');
    await expect(collaborator.getByRole('link', { name: 'Directory sync (SCIM)' })).toHaveCount(0);
  });
});
