import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** A password the estimator rates "strong" that no seeded person uses. */
const newPassword = 'quartz lantern hobbit drizzle';

function notification(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: /Notifications/ }).getByText(text);
}

/** A page whose session has ended lands on sign-in at its next request. */
async function expectSignedOut(page: Page) {
  await page.goto('/settings/members');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
}

async function signInStatus(page: Page, email: string, password: string): Promise<number> {
  const response = await page.request.post('/api/v2/sessions', {
    data: { email, password },
    headers: { 'x-requested-with': 'roster' },
  });
  return response.status();
}

test('changing the password from Security signs out the other browser', async ({
  seed,
  pageAs,
  axe,
  consoleErrors,
}) => {
  // The refused attempts below are answered 400, which Chromium logs.
  consoleErrors.allow(/status of 400/);
  const casey = await seed.member({ name: 'Casey Changer' });
  const here = await pageAs(casey);
  const elsewhere = await pageAs(casey);
  await elsewhere.goto('/settings/members');
  await expect(elsewhere.getByRole('heading', { name: 'Members' })).toBeVisible();

  await here.goto('/settings/members');
  await here.getByRole('button', { name: /account menu/i }).click();
  await here.getByRole('menuitem', { name: 'Security' }).click();
  await expect(here).toHaveURL(/\/account\/security$/);
  await expect(here.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
  await expect(here.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(2);
  await axe.check(here, { label: 'security page' });

  await test.step('a wrong current password is refused under its field', async () => {
    await here.getByLabel('Current password').fill('not my password at all');
    await here.getByLabel('New password').fill(newPassword);
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByText('Your current password is not right.')).toBeVisible();
    await expect(here.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
    await expect(here.getByLabel('Current password')).toBeFocused();
  });

  await test.step('a guessable new password gets live feedback before submitting', async () => {
    await here.getByLabel('Current password').fill(casey.password);
    await here.getByLabel('New password').fill('password1234');
    await expect(here.getByText(/not strong enough yet/)).toBeVisible();
    await here.getByRole('button', { name: 'Change password' }).click();
    // The server applies the same rule and its answer lands under the field.
    await expect(here.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');
    await axe.check(here, { label: 'change password, refused' });
  });

  await here.getByLabel('New password').fill(newPassword);
  await expect(here.getByText(/good to use/)).toBeVisible();
  await here.getByRole('button', { name: 'Change password' }).click();
  const done = here.getByRole('status').filter({ hasText: 'Password changed.' });
  await expect(done).toContainText('Your other session was signed out; you stay signed in here.');
  await expect(here.getByLabel('Current password')).toHaveValue('');
  await expect(here.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);

  await expectSignedOut(elsewhere);
  expect(await signInStatus(elsewhere, casey.email, casey.password)).toBe(401);
  expect(await signInStatus(elsewhere, casey.email, newPassword)).toBe(200);
  // This browser stayed signed in.
  await here.reload();
  await expect(here.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
});

test('forgot password: the mailed link sets a new password, ends every session, and works once', async ({
  browser,
  roster,
  consoleErrors,
  seed,
  pageAs,
  mailbox,
  axe,
}) => {
  const fern = await seed.member({ name: 'Fern Forgetful' });
  const stillSignedIn = await pageAs(fern);
  const context = await browser.newContext({
    baseURL: roster.url,
    storageState: { cookies: [], origins: [] },
  });
  consoleErrors.watch(context);
  // Asking about an unusable link is answered 400, which Chromium logs.
  consoleErrors.allow(/status of 400/);
  const page = await context.newPage();
  // The estimator's dictionaries (their own chunk, about a megabyte) load only where a new password is chosen.
  const estimatorLoads: string[] = [];
  page.on('request', (request) => {
    if (/\/assets\/password-policy-[^/]*\.js$/.test(new URL(request.url()).pathname)) {
      estimatorLoads.push(request.url());
    }
  });

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await axe.check(page, { label: 'forgot password' });

  await test.step('an address nobody uses gets the same answer', async () => {
    await page.getByLabel('Email').fill(`nobody.${Date.now()}@acme.test`);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status')).toContainText('If an account uses that address');
    await page.getByRole('button', { name: 'try again' }).click();
  });

  await page.getByLabel('Email').fill(fern.email.toUpperCase());
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const answer = page.getByRole('status');
  await expect(answer).toHaveText(
    'If an account uses that address, we sent it a link to choose a new password. The link works once, for 30 minutes.',
  );
  await axe.check(page, { label: 'forgot password, sent' });

  expect(estimatorLoads, 'sign-in and forgot-password pages must not download the estimator').toEqual([]);

  const mail = await mailbox.waitFor(fern.email, { subject: /new Roster password/ });
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  const path = new URL(link!).pathname + new URL(link!).search;

  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(fern.email);
  await page.getByLabel('New password').fill('short');
  await expect(page.getByText('Too short: 7 more characters.')).toBeVisible();
  await page.getByLabel('New password').fill(newPassword);
  await expect(page.getByText(/good to use/)).toBeVisible();
  expect(estimatorLoads).toHaveLength(1);
  await axe.check(page, { label: 'reset password' });
  await page.getByRole('button', { name: 'Set new password' }).click();

  await expect(page).toHaveURL(/\/login\?reason=password_reset/);
  await expect(page.getByRole('status')).toContainText('Sign in with your new password.');
  await page.getByLabel('Email').fill(fern.email);
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();

  await test.step('the session from before the reset is gone', async () => {
    await expectSignedOut(stillSignedIn);
  });

  await test.step('the link works only once', async () => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'This reset link cannot be used' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('It may have expired or been used already.');
    await axe.check(page, { label: 'reset link unusable' });
    await page.getByRole('link', { name: 'Send me a new link' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  });
  await context.close();
});

test('Your sessions: sign out one session, then all the others', async ({ seed, pageAs, axe }) => {
  const sam = await seed.member({ name: 'Sam Sessions' });
  const here = await pageAs(sam);
  const laptop = await pageAs(sam);
  const phone = await pageAs(sam);
  await phone.goto('/settings/members');
  await expect(phone.getByRole('heading', { name: 'Members' })).toBeVisible();

  await here.goto('/account/security');
  const list = here.getByRole('list', { name: 'Your sessions' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  const current = list.getByRole('listitem').filter({ hasText: 'This device' });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('127.0.0.1');
  await expect(current.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);
  await expect(list.getByRole('listitem').first()).toContainText(/Chrom/);

  await test.step('one session, after confirming', async () => {
    // The phone was used last, so it is listed right after this device.
    await list
      .getByRole('listitem')
      .nth(1)
      .getByRole('button', { name: /^Sign out/ })
      .click();
    const confirm = here.getByRole('alertdialog', { name: /^Sign out .*\?$/ });
    await expect(confirm).toContainText('is signed out on its next request');
    await axe.check(here, { label: 'sign out one session' });
    await confirm.getByRole('button', { name: 'Sign out session' }).click();
    await expect(notification(here, /^Signed out /)).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expectSignedOut(phone);
  });

  await test.step('all the others', async () => {
    await here.getByRole('button', { name: 'Sign out all other sessions' }).click();
    const confirm = here.getByRole('alertdialog', { name: 'Sign out 1 other session?' });
    await axe.check(here, { label: 'sign out other sessions' });
    await confirm.getByRole('button', { name: 'Sign out 1 other session' }).click();
    await expect(notification(here, 'Signed out 1 other session')).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(here.getByText('You are signed in only here.')).toBeVisible();
    await expect(here.getByRole('button', { name: 'Sign out all other sessions' })).toBeDisabled();
    await expectSignedOut(laptop);
  });

  await here.reload();
  await expect(here.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
});

test('an API key made with a 30-day expiry shows it in the list', async ({ seed, pageAs, axe }) => {
  const kim = await seed.member({ name: 'Kim Keys' });
  const page = await pageAs(kim);
  await page.goto('/settings/api-keys');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  const expiry = dialog.getByRole('group', { name: 'Expires after' });
  await expect(expiry.getByRole('radio', { name: '90 days' })).toBeChecked();

  await test.step('a key needs a name, said under the field', async () => {
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await expect(dialog.getByText('Name the key.')).toBeVisible();
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await axe.check(page, { label: 'create API key, refused' });
  });

  await dialog.getByLabel('Name').fill('nightly export');
  await expiry.getByRole('radio', { name: '30 days' }).check();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const expected = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.now() + 30 * 24 * 3600 * 1000),
  );
  await expect(dialog).toContainText(`It expires on ${expected}`);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByRole('columnheader', { name: 'Expires' })).toBeVisible();
  const row = page.getByRole('row', { name: /nightly export/ });
  await expect(row).toContainText(expected);
  // A month away: no reminder yet.
  await expect(row.getByText(/^Expires in/)).toHaveCount(0);
  await axe.check(page, { label: 'API keys with expiry' });

  const created = await page.request.get('/api/v2/api_keys');
  const key = ((await created.json()) as { results: { name: string; expires_at: string }[] }).results.find(
    (k) => k.name === 'nightly export',
  )!;
  const days = (new Date(key.expires_at).getTime() - Date.now()) / (24 * 3600 * 1000);
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThan(30.1);
});

test.describe('at 375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('Security and API keys fit the screen and stay accessible', async ({ seed, pageAs, axe }) => {
    const nico = await seed.member({ name: 'Nico Narrow' });
    await pageAs(nico);
    const page = await pageAs(nico);
    await page.goto('/account/security');
    await expect(page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(2);
    await page.getByLabel('New password').fill('password1234');
    await expect(page.getByText(/not strong enough yet/)).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await axe.check(page, { label: 'security at 375px' });

    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('phone script');
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /phone script/ });
    // The Expires column folds into the name cell.
    await expect(page.getByRole('columnheader', { name: 'Expires' })).toBeHidden();
    await expect(row.getByText(/^Expires/)).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});
