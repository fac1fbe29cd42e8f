import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** A toast in the notifications region (Radix also mirrors its text for screen readers). */
function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

test('a member creates an API key, sees it once, uses it, and revokes it', async ({
  page,
  seed,
  pageAs,
  axe,
}) => {
  const casey = await seed.member({ name: 'Casey Scripter' });
  const mine = await pageAs(casey);
  await mine.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await mine.goto('/settings/api-keys');
  await expect(mine.getByText('No API keys yet')).toBeVisible();
  await axe.check(mine, { label: 'API keys, empty' });

  await mine.getByRole('button', { name: 'Create API key' }).click();
  const dialog = mine.getByRole('dialog');
  await dialog.getByLabel('Name').fill('deploy bot');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByRole('heading', { name: 'Copy your new API key' })).toBeVisible();
  await expect(dialog).toContainText('This is the only time the key “deploy bot” is shown');
  const token = await dialog.getByLabel('API key deploy bot').inputValue();
  expect(token).toMatch(/^arst_/);
  await axe.check(mine, { label: 'new API key dialog' });
  await dialog.getByRole('button', { name: 'Copy key' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await mine.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = mine.getByRole('row', { name: /deploy bot/ });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText('Never');
  expect(await mine.content()).not.toContain(token);

  await test.step('the key works with the API, and its use shows', async () => {
    const me = await mine.request.get('/api/v2/userinfo', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await me.json()).result.email).toBe(casey.email);
    await mine.reload();
    await expect(row).not.toContainText('Never');
  });

  await test.step('revoking asks first, then the key is dead', async () => {
    await row.getByRole('button', { name: /Revoke deploy bot/ }).click();
    const confirm = mine.getByRole('alertdialog', { name: 'Revoke “deploy bot”?' });
    await expect(confirm).toContainText('stop working on their next request');
    await axe.check(mine, { label: 'revoke API key confirmation' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect(notification(mine, 'Revoked “deploy bot”')).toBeVisible();
    await expect(mine.getByText('No API keys yet')).toBeVisible();
    const dead = await mine.request.get('/api/v2/userinfo', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(dead.status()).toBe(401);
  });

  await test.step('owners see both events in the audit log, attributed to Casey', async () => {
    await page.goto('/settings/audit-log?action=api_key.revoked');
    const event = page.getByRole('row', { name: /Revoked an API key/ }).filter({ hasText: 'Casey Scripter' });
    await expect(event.first()).toContainText('deploy bot');
    await axe.check(page, { label: 'audit log' });
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Created an API key' });
    await expect(page).toHaveURL(/action=api_key\.created/);
    await expect(
      page.getByRole('row', { name: /Created an API key/ }).filter({ hasText: 'Casey Scripter' }),
    ).toHaveCount(1);
  });
});
