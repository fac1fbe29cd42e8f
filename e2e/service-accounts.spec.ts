import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

test('an owner creates a service account, gives it a role and a key, and removes it with the offboarding dialog', async ({
  page,
  axe,
}) => {
  const name = `ci-bot-${Date.now().toString(36)}`;
  await page.goto('/settings/service-accounts');
  await expect(page.getByRole('heading', { name: 'Service accounts', level: 1 })).toBeVisible();

  await page.getByLabel('Service account name').fill(name);
  await page.getByRole('button', { name: 'Create service account' }).click();
  await expect(notification(page, `Created service account ${name}`)).toBeVisible();
  const card = page.getByRole('listitem', { name });
  await expect(card).toContainText('@service-accounts.invalid');
  await expect(card).toContainText('No keys.');
  await axe.check(page, { label: 'service accounts' });

  await test.step('its role changes like a member’s', async () => {
    await card.getByLabel(`Role of ${name}`).selectOption('owner');
    await expect(notification(page, `${name} is now an owner`)).toBeVisible();
    await card.getByLabel(`Role of ${name}`).selectOption('collaborator');
    await expect(notification(page, `${name} is now a collaborator`)).toBeVisible();
  });

  let token = '';
  await test.step('a key with an expiry, shown once, works as the platform SDK sends it', async () => {
    await card.getByLabel(`Key expiry for ${name}`).selectOption('30');
    await card.getByRole('button', { name: `New key for ${name}` }).click();
    token = (await card.getByLabel('New key').textContent())!.trim();
    expect(token).toMatch(/^arst_/);
    await expect(card.getByRole('listitem').filter({ hasText: token.slice(0, 11) })).toContainText('expires');
    const me = await page.request.get('/api/v2/userinfo/', { headers: { cookie: `cli_token=${token}` } });
    expect(me.status()).toBe(200);
    expect((await me.json()).result.name).toBe(name);
  });

  await test.step('it is listed among the members, and removed through the same dialog', async () => {
    await card.getByRole('button', { name: `Remove ${name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Remove ${name}?` });
    await expect(confirm).toBeVisible();
    await axe.check(page, { label: 'remove service account dialog' });
    await confirm.getByRole('button', { name: `Remove ${name}` }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('listitem', { name })).toHaveCount(0);
    const dead = await page.request.get('/api/v2/userinfo/', { headers: { cookie: `cli_token=${token}` } });
    expect(dead.status()).toBe(401);
  });
});
