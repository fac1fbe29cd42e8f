import type { Browser, Page } from '@playwright/test';
import { test, expect, owner, uniqueSuffix, type ConsoleErrors } from './fixtures.ts';
import type { RosterServer } from './env.ts';

const csrf = { 'x-requested-with': 'roster' };

/** The registration link in an invitation mail. */
function linkIn(text: string): string {
  const match = /https?:\/\/\S+\/invitations\/accept\?token=[\w-]+/.exec(text);
  if (!match) throw new Error(`No invitation link in:\n${text}`);
  return match[0];
}

/** A browser nobody has signed in to, as the invitee opening their mail. */
async function freshPage(
  browser: Browser,
  roster: RosterServer,
  consoleErrors: ConsoleErrors,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: roster.url,
    storageState: { cookies: [], origins: [] },
  });
  consoleErrors.watch(context);
  return context.newPage();
}

test('an owner invites three addresses, one invalid; the invitee registers from the mail and lands as a collaborator with the granted cloud', async ({
  page,
  browser,
  roster,
  axe,
  mailbox,
  consoleErrors,
}) => {
  const sfx = uniqueSuffix();
  const ada = `ada.${sfx}@example.test`;
  const alan = `alan.${sfx}@example.test`;
  const cloudName = `Invite cloud ${sfx}`;
  const cloud = await page.request.post('/api/v2/clouds', {
    headers: csrf,
    data: { name: cloudName, provider: 'aws', region: 'us-east-1' },
  });
  expect(cloud.status(), await cloud.text()).toBe(201);

  await page.goto('/settings/members');
  const dialog = page.getByRole('dialog', { name: 'Invite teammates' });

  await test.step('type three addresses: the dialog reads them as they are typed', async () => {
    await page.getByRole('button', { name: 'Invite teammates' }).click();
    await expect(dialog).toBeVisible();
    const field = dialog.getByLabel('Email addresses');
    await expect(field).toBeFocused();
    await field.fill(`${ada}, ALAN.${sfx}@Example.test;\nnot-an-address@@example`);
    await expect(dialog.getByText('2 valid, 1 invalid')).toBeVisible();
    const chips = dialog.getByRole('list', { name: 'Addresses to invite' });
    await expect(chips.getByRole('listitem')).toHaveCount(3);
    await expect(chips.getByRole('listitem').filter({ hasText: 'not-an-address@@example' })).toContainText(
      'more than one @',
    );
    await expect(dialog.getByRole('radio', { name: 'Collaborator' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: new RegExp(cloudName) }).check();
    await axe.check(page, { label: 'invite dialog', include: '[role="dialog"]' });
  });

  await test.step('send: one outcome per address', async () => {
    await dialog.getByRole('button', { name: 'Invite 2 people' }).click();
    const results = dialog.getByRole('list', { name: 'Invitation results' });
    await expect(dialog.getByRole('status')).toHaveText('2 invited · 1 invalid address');
    await expect(results.getByRole('listitem').filter({ hasText: ada })).toContainText('Invited');
    await expect(results.getByRole('listitem').filter({ hasText: alan })).toContainText('Invited');
    await expect(results.getByRole('listitem').filter({ hasText: 'not-an-address@@example' })).toContainText(
      'Invalid address',
    );
    await expect(dialog.getByRole('button', { name: `Copy link for ${ada}` })).toBeVisible();
    await axe.check(page, { label: 'invite dialog results', include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('both are pending, in their own tab; the mail goes out', async () => {
    await page
      .getByRole('navigation', { name: 'Organization settings' })
      .getByRole('link', { name: /Invitations/ })
      .click();
    await expect(page).toHaveURL(/\/settings\/invitations$/);
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    const row = pending.getByRole('row', { name: new RegExp(ada) });
    await expect(row).toContainText('Collaborator');
    await expect(row).toContainText(owner.name);
    await expect(row).toContainText('Email sent');
    await expect(pending.getByRole('row', { name: new RegExp(alan) })).toBeVisible();
  });

  const mail = await mailbox.waitFor(ada, { subject: /invited you/ });
  expect(mail.subject).toBe(`${owner.name} invited you to join ${owner.organization_name} on Roster`);
  expect(mail.text).toContain(owner.organization_name);
  expect(mail.text).toMatch(/expires on/);
  expect(mail.html).toContain('Accept the invitation');
  const link = linkIn(mail.text);
  expect(link.startsWith(roster.url)).toBe(true);

  const invitee = await freshPage(browser, roster, consoleErrors);
  await test.step('the invitee opens the link: no referrer leaves the page, the token is not used yet', async () => {
    const response = await invitee.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(invitee.getByRole('heading', { name: `Join ${owner.organization_name}` })).toBeVisible();
    await expect(invitee.getByLabel('Email')).toHaveValue(ada);
    await expect(invitee.getByLabel('Email')).toHaveAttribute('readonly', '');
    await expect(invitee.getByText(owner.name).first()).toBeVisible();
    await expect(invitee.getByText('At least 12 characters')).toBeVisible();
    await axe.check(invitee, { label: 'accept invitation page' });
    await invitee.reload();
    await expect(invitee.getByLabel('Your name')).toBeVisible();
  });

  await test.step('registers and lands in the console as a collaborator', async () => {
    await invitee.getByLabel('Your name').fill(`Ada Invitee ${sfx}`);
    await invitee.getByLabel('Choose a password').fill('a long enough passphrase');
    await invitee.getByRole('button', { name: `Join ${owner.organization_name}` }).click();
    await expect(invitee).toHaveURL(/\/settings\/members/);
    await expect(invitee.getByText(/Ask an owner —/)).toBeVisible();
    await expect(invitee.getByRole('button', { name: 'Invite teammates' })).toHaveCount(0);
    const me = await invitee.request.get('/api/v2/userinfo');
    expect((await me.json()).result).toMatchObject({ email: ada, permission_level: 'collaborator' });
  });

  await test.step('sees the granted cloud', async () => {
    await invitee.getByRole('link', { name: 'Clouds' }).first().click();
    await expect(invitee.getByRole('heading', { name: 'Clouds', level: 1 })).toBeVisible();
    await expect(invitee.getByText(cloudName)).toBeVisible();
  });

  await test.step('the link worked once', async () => {
    // The used link answers 400 invalid_invitation; Chromium logs the failed load.
    consoleErrors.allow(/status of 400/);
    await invitee.goto(link);
    await expect(invitee.getByRole('heading', { name: 'This invitation link cannot be used' })).toBeVisible();
    await expect(
      invitee.getByText(/Ask an owner of the organization to send you a new invitation/),
    ).toBeVisible();
  });

  await test.step('the owner sees them join and the invitation leave the pending list', async () => {
    await page.reload();
    await expect(
      page.getByRole('table', { name: 'Pending invitations' }).getByRole('row', { name: new RegExp(ada) }),
    ).toHaveCount(0);
    await page.goto('/settings/members');
    await page.getByRole('searchbox', { name: 'Search members by name or email' }).fill(ada);
    await expect(page.getByRole('row', { name: new RegExp(`Ada Invitee ${sfx}`) })).toBeVisible();
  });
  await invitee.context().close();
});

test('Resend mails a new link and kills the old one; Revoke kills the link', async ({
  page,
  browser,
  roster,
  mailbox,
  consoleErrors,
}) => {
  const email = `grace.${sfx()}@example.test`;
  const created = await page.request.post('/api/v2/organization_invitations', {
    headers: csrf,
    data: { emails: email },
  });
  expect(created.status()).toBe(200);
  const first = linkIn((await mailbox.waitFor(email)).text);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/settings/invitations');
  const row = page
    .getByRole('table', { name: 'Pending invitations' })
    .getByRole('row', { name: new RegExp(email) });
  const menu = row.getByRole('button', { name: `Actions for the invitation to ${email}` });

  await test.step('Resend from the ⋯ menu; then Copy link is offered there too', async () => {
    await menu.click();
    await page.getByRole('menuitem', { name: 'Resend' }).click();
    await expect(page.getByText(`New invitation sent to ${email}`, { exact: true })).toBeVisible();
    await menu.click();
    await expect(page.getByRole('menuitem', { name: 'Copy link' })).toBeVisible();
    await page.keyboard.press('Escape');
    // With copyable links the table still fits: nothing scrolls sideways at 1440 px.
    const scroller = page.getByRole('table', { name: 'Pending invitations' }).locator('..');
    expect(await scroller.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await expect
      .poll(() => mailbox.all().filter((mail) => mail.to.includes(email)).length, { timeout: 15_000 })
      .toBe(2);
  });
  const second = linkIn((await mailbox.waitFor(email)).text);
  expect(second).not.toBe(first);

  const invitee = await freshPage(browser, roster, consoleErrors);
  // The dead link answers 400 invalid_invitation; Chromium logs the failed load.
  consoleErrors.allow(/status of 400/);
  await invitee.goto(first);
  await expect(invitee.getByRole('heading', { name: 'This invitation link cannot be used' })).toBeVisible();

  await test.step('Revoke, after a confirmation that says what happens', async () => {
    await menu.click();
    await page.getByRole('menuitem', { name: 'Revoke…' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Revoke the invitation to ${email}?` });
    await expect(confirm).toContainText('stops working at once');
    await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`Invitation to ${email} revoked`, { exact: true })).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  await invitee.goto(second);
  await expect(invitee.getByRole('heading', { name: 'This invitation link cannot be used' })).toBeVisible();
  await invitee.context().close();
});

function sfx() {
  return uniqueSuffix();
}
