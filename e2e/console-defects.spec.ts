import type { Page } from '@playwright/test';
import { test, expect, owner, uniqueSuffix } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

/** A toast in the notifications region. */
function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

test('make collaborator and remove: an owner is demoted and removed in one confirmed step', async ({
  page,
  seed,
  pageAs,
  axe,
}) => {
  const otto = await seed.member({ name: `Otto Leaving${uniqueSuffix()}`, role: 'owner' });
  const ottoPage = await pageAs(otto);
  expect((await ottoPage.request.get('/api/v2/userinfo')).status()).toBe(200);

  await page.goto(`/settings/members?q=${encodeURIComponent(otto.name)}`);
  await page.getByRole('button', { name: `Actions for ${otto.name}` }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove ${otto.name}?` });
  await expect(dialog).toContainText(`${otto.name} is an owner. Confirming makes them a collaborator`);
  await axe.check(page, { label: 'make collaborator and remove dialog' });
  await dialog.getByRole('button', { name: `Make collaborator and remove ${otto.name}` }).click();
  await expect(notification(page, 'Removed 1 member')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(otto.name) })).toHaveCount(0);
  // Otto's session died with the removal.
  expect((await ottoPage.request.get('/api/v2/userinfo')).status()).toBe(401);
});

test('leave organization: a collaborator confirms, is signed out, and cannot come back in', async ({
  seed,
  pageAs,
  axe,
}) => {
  const lena = await seed.member({ name: `Lena Leaver${uniqueSuffix()}` });
  const lenaPage = await pageAs(lena);
  await lenaPage.goto('/settings/members');
  await lenaPage.getByRole('button', { name: `${lena.name}, account menu` }).click();
  await lenaPage.getByRole('menuitem', { name: 'Leave organization…' }).click();
  const dialog = lenaPage.getByRole('alertdialog', { name: `Leave ${owner.organization_name}?` });
  await expect(dialog).toContainText('You lose access at once');
  await axe.check(lenaPage, { label: 'leave organization dialog' });
  await dialog.getByRole('button', { name: `Leave ${owner.organization_name}` }).click();

  await expect(lenaPage).toHaveURL(/\/login\?reason=left$/);
  await expect(lenaPage.getByRole('status').filter({ hasText: 'You left the organization' })).toBeVisible();
  await axe.check(lenaPage, { label: 'sign-in page after leaving' });
  const again = await lenaPage.request.post('/api/v2/sessions', {
    data: { email: lena.email, password: lena.password },
    headers: csrf,
  });
  expect(again.status()).toBe(401);
});

test('invite preview marks who is already a member and who is already invited, before sending', async ({
  page,
  seed,
  axe,
}) => {
  const member = await seed.member({ name: `Mia Member${uniqueSuffix()}` });
  const invitedEmail = `ivy.invited.${uniqueSuffix()}@acme.test`;
  const freshEmail = `nia.new.${uniqueSuffix()}@acme.test`;
  const invited = await page.request.post('/api/v2/organization_invitations', {
    data: { emails: [invitedEmail] },
    headers: csrf,
  });
  expect(invited.status()).toBe(200);

  await page.goto('/settings/members');
  await page.getByRole('button', { name: 'Invite teammates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite teammates' });
  await dialog
    .getByLabel('Email addresses')
    .fill(`${member.email}, ${invitedEmail}\n${freshEmail}, ${freshEmail.toUpperCase()}`);
  const chips = dialog.getByRole('list', { name: 'Addresses to invite' });
  await expect(chips.getByRole('listitem').filter({ hasText: member.email })).toContainText(
    'already a member',
  );
  await expect(chips.getByRole('listitem').filter({ hasText: invitedEmail })).toContainText(
    'already invited (will be re-sent)',
  );
  await expect(chips.getByRole('listitem').filter({ hasText: freshEmail })).not.toContainText('already');
  await expect(dialog).toContainText('1 duplicate merged');
  await expect(dialog.getByRole('button', { name: 'Invite 2 people' })).toBeEnabled();
  // One message about delivery, not a promise of email beside a warning that none is sent.
  await expect(dialog.getByText(/email with a link|sends no email/)).toHaveCount(1);
  await axe.check(page, { label: 'invite dialog with marked addresses' });
});

test('add members: those with access are disabled, and the first click on submit adds', async ({
  page,
  seed,
}) => {
  const sfx = uniqueSuffix();
  const created = await page.request.post('/api/v2/clouds', {
    data: { name: `Grant cloud ${sfx}`, provider: 'aws', region: 'eu-west-1' },
    headers: csrf,
  });
  const cloud = ((await created.json()) as { result: { id: string } }).result;
  const granted = await seed.member({ name: `Gita Granted${sfx}` });
  const fresh = await seed.member({ name: `Gita Fresh${sfx}` });
  const grant = await page.request.post(`/api/v2/clouds/${cloud.id}/collaborators`, {
    data: { user_ids: [granted.user_id] },
    headers: csrf,
  });
  expect(grant.status()).toBe(200);

  await page.goto(`/clouds/${cloud.id}`);
  await page.getByRole('button', { name: 'Add people or groups' }).click();
  const dialog = page.getByRole('dialog', { name: /Add people or groups to/ });
  const submit = dialog.getByRole('button', { name: /^Add( 1 with write)?$/ });
  const before = await submit.boundingBox();
  await dialog.getByRole('combobox', { name: 'People' }).fill(`Gita`);
  await expect(dialog.getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true');
  const grantedOption = dialog.getByRole('option', { name: new RegExp(granted.name) });
  await expect(grantedOption).toHaveAttribute('aria-disabled', 'true');
  await expect(grantedOption).toContainText('Already granted Write');
  await dialog.getByRole('option', { name: new RegExp(fresh.name) }).click();
  // The list is still open; the footer has not moved and is not covered.
  await expect(dialog.getByRole('listbox')).toBeVisible();
  // Its label grows ("Add 1 member"); its row does not move.
  expect((await submit.boundingBox())?.y).toBe(before?.y);
  await submit.click();
  await expect(notification(page, new RegExp(`Added ${fresh.name}`))).toBeVisible();
  await expect(dialog).toBeHidden();
});

test.describe('at 375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the members page shows at least 6 members above the fold, name over email, and does not scroll sideways', async ({
    page,
    seed,
    axe,
  }) => {
    await seed.members(8);
    // An organization past its first steps (a cloud, an API key), so no first-run checklist sits above the list.
    await page.request.post('/api/v2/clouds', {
      data: { name: `Narrow cloud ${uniqueSuffix()}`, provider: 'aws', region: 'eu-west-1' },
      headers: csrf,
    });
    await page.request.post('/api/v2/api_keys', {
      data: { name: `narrow ${uniqueSuffix()}` },
      headers: csrf,
    });
    await page.goto('/settings/members');
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(7)).toBeVisible();
    const fold = page.viewportSize()!.height;
    const bottoms = await rows.evaluateAll((elements) =>
      elements.slice(1).map((element) => element.getBoundingClientRect().bottom),
    );
    expect(bottoms.filter((bottom) => bottom <= fold).length).toBeGreaterThanOrEqual(6);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Two lines in the name cell: the name, then the email under it.
    const first = rows.nth(1).getByRole('rowheader');
    const lines = await first.evaluate((cell) => {
      const name = cell.querySelector('.font-medium')!.getBoundingClientRect();
      const email = cell.querySelector('[title]')!.getBoundingClientRect();
      return { nameBottom: name.bottom, emailTop: email.top, emailWidth: email.width };
    });
    expect(lines.emailTop).toBeGreaterThanOrEqual(lines.nameBottom - 1);
    expect(lines.emailWidth).toBeGreaterThan(100);

    // Selecting a row brings the selection bar without moving the table.
    const tableTop = async () => (await page.getByRole('table').boundingBox())!.y;
    const before = await tableTop();
    await rows.nth(1).getByRole('checkbox').check();
    await expect(page.getByRole('region', { name: 'Selected members' })).toBeVisible();
    expect(await tableTop()).toBe(before);
    await axe.check(page, { label: 'members at 375 px with a selection' });
  });

  test('the API key example scrolls inside a focusable region', async ({ page, axe }) => {
    await page.goto('/settings/api-keys');
    const example = page.getByRole('region', { name: 'Example: calling the API with a key' });
    await expect(example).toHaveAttribute('tabindex', '0');
    const scrolls = await example.evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(scrolls).toBe(true);
    await example.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => example.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await axe.check(page, { label: 'API keys at 375 px' });
  });
});
