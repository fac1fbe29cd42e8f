import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, uniqueSuffix } from './fixtures.ts';
import { e2ePassword } from './env.ts';

// A second organization of its own: requiring SSO must not change how anyone else signs in.
test.use({ storageState: { cookies: [], origins: [] } });

const csrf = { 'x-requested-with': 'roster' };

/** The test identity provider's sign-in form (e2e/server.ts, samlify): sign in as `email`. */
async function signInAtIdp(page: Page, email: string) {
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an owner sets up SAML SSO, tests it and requires it; a collaborator signs in only through the IdP; SCIM deactivation signs them out at once', async ({
  page,
  browser,
  roster,
  axe,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  // The test identity provider's pages have no favicon; Chromium asks for one anyway.
  consoleErrors.allow(new RegExp(`status of 404 .*\\(${roster.idpUrl}/favicon\\.ico\\)`));
  const suffix = uniqueSuffix();
  const domain = `globex-${suffix}.test`;
  const ownerEmail = `sally@${domain}`;
  const carlEmail = `carl@${domain}`;
  const created = await fetch(`${roster.controlUrl}/organizations`, {
    method: 'POST',
    body: JSON.stringify({ name: `Globex ${suffix}`, owner: { name: 'Sally Owner', email: ownerEmail } }),
  });
  expect(created.status).toBe(201);
  const idpMetadata = await (await fetch(`${roster.idpUrl}/idp/metadata`)).text();

  await test.step('the owner signs in with a password and opens Single sign-on', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(e2ePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Organization settings' })
      .getByRole('link', { name: 'Single sign-on' })
      .click();
    await expect(page.getByRole('heading', { name: 'Single sign-on (SAML)', level: 1 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'ACS URL' })).toHaveValue(/\/api\/v2\/sso\/[^/]+\/acs$/);
    await expect(page.getByRole('textbox', { name: 'Entity ID' })).toHaveValue(/\/metadata$/);
    await expect(page.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    await axe.check(page, { label: 'single sign-on, not set up' });
  });

  await test.step('configures it against the identity provider: metadata pasted, domain, JIT', async () => {
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText("Paste your identity provider's metadata XML.")).toBeVisible();
    await expect(page.getByLabel('IdP metadata XML')).toBeFocused();
    await page.getByLabel('IdP metadata XML').fill(idpMetadata);
    await page.getByLabel('Email attribute').fill('email');
    await page.getByLabel('Name attribute').fill('name');
    await page.getByLabel('Email domains').fill(domain);
    await page.getByRole('checkbox', { name: 'Provision new people just in time' }).check();
    await page.getByRole('radio', { name: /^Optional/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Saved identity provider')).toBeVisible();
    await expect(page.getByText(`${roster.idpUrl}/idp`, { exact: true })).toBeVisible();
    await expect(page.getByText('SSO optional')).toBeVisible();
  });

  await test.step('requiring SSO before one SSO sign-in of the owner is refused, and says so', async () => {
    consoleErrors.allow(/status of 409/);
    // Keyboard: the mode is a radio group; the arrow key moves to Required.
    await page.getByRole('radio', { name: /^Optional/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^Required/ })).toBeChecked();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const refusal = page.getByRole('group', { name: 'SSO mode' }).getByRole('alert');
    await expect(refusal).toContainText(/SSO/);
    await expect(page.getByRole('radio', { name: /^Required/ })).toBeFocused();
    await axe.check(page, { label: 'single sign-on, required refused' });
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByRole('radio', { name: /^Optional/ })).toBeChecked();
  });

  await test.step('Test connection runs a full login and shows the parsed assertion', async () => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await signInAtIdp(page, ownerEmail);
    await page.waitForURL(/\/settings\/single-sign-on\?sso_test=/);
    const result = page.getByRole('region', { name: 'Test connection succeeded' });
    await expect(result).toBeVisible();
    await expect(result).toContainText(`It would sign in ${ownerEmail}.`);
    await expect(result.getByRole('row', { name: /^email/ })).toContainText(ownerEmail);
    await expect(result.getByText('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress')).toBeVisible();
    await axe.check(page, { label: 'single sign-on, test result' });
  });

  await test.step('now SSO can be required; the page states the owners’ break-glass', async () => {
    await expect(page.locator('p', { hasText: 'Break-glass:' })).toContainText(
      'owners can always sign in with their password',
    );
    await page.getByRole('radio', { name: /^Required/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('SSO required')).toBeVisible();
  });

  let carlContext: BrowserContext;
  let carl: Page;
  await test.step('a collaborator signs in only through the identity provider', async () => {
    carlContext = await browser.newContext({
      baseURL: roster.url,
      storageState: { cookies: [], origins: [] },
    });
    consoleErrors.watch(carlContext);
    carl = await carlContext.newPage();
    await carl.goto('/settings/members');
    await expect(carl.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
    await carl.getByLabel('Email').fill(carlEmail);
    await carl.getByLabel('Email').blur();
    await expect(carl.getByText('Your organization signs in with SSO.')).toBeVisible();
    await expect(carl.getByLabel('Password')).toHaveCount(0);
    await expect(
      carl.getByRole('button', { name: 'Sign in with your password (break-glass)' }),
    ).toBeVisible();
    await axe.check(carl, { label: 'sign-in, SSO required' });
    // Keyboard: Enter in the email field continues with SSO.
    await carl.getByLabel('Email').press('Enter');
    await signInAtIdp(carl, carlEmail);
    await expect(carl).toHaveURL(/\/settings\/members$/);
    await expect(carl.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expect(carl.getByText(/Ask an owner —/)).toBeVisible();
  });

  await test.step('the owner sees them provisioned just in time, signed in with SSO', async () => {
    await page.goto('/settings/members?source=sso_jit');
    const row = page.getByRole('row', { name: new RegExp(carlEmail.replace('.', '\\.')) });
    await expect(row).toContainText('SSO just-in-time');
    await expect(row.getByText('SSO', { exact: true })).toHaveAttribute(
      'title',
      /^Signs in with SSO: last on /,
    );
    await expect(page.getByText('1 member found')).toBeVisible();
    // Those who never signed in with SSO: not Carl.
    await page.getByRole('combobox', { name: 'Source' }).selectOption('');
    await page.getByRole('combobox', { name: 'SSO sign-in' }).selectOption('no');
    await expect(page).toHaveURL(/[?&]sso=no/);
    await expect(page.getByRole('status').filter({ hasText: /found/ })).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  await test.step('deactivated over SCIM, their very next navigation lands on sign-in', async () => {
    const minted = await page.request.post('/api/v2/scim_tokens', { data: { name: 'Okta' }, headers: csrf });
    expect(minted.status()).toBe(201);
    const token = (await minted.json()).result.token as string;
    const scim = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
    // The identity provider pushes the person it already signs in (linked to the membership)…
    const pushed = await page.request.post('/scim/v2/Users', {
      headers: scim,
      data: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: carlEmail,
        name: { givenName: 'Carl', familyName: 'Collaborator' },
        emails: [{ primary: true, value: carlEmail, type: 'work' }],
        active: true,
      },
    });
    expect(pushed.status(), await pushed.text()).toBe(201);
    const id = (await pushed.json()).id as string;
    // …then deactivates them (Okta's PATCH).
    const patched = await page.request.patch(`/scim/v2/Users/${id}`, {
      headers: scim,
      data: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      },
    });
    expect(patched.status(), await patched.text()).toBe(200);

    await carl.getByRole('link', { name: 'Clouds' }).first().click();
    await expect(carl.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
    await carlContext.close();
  });

  await test.step('the audit log names the directory as the actor', async () => {
    await page.goto('/settings/audit-log');
    const removal = page.getByRole('row', {
      name: new RegExp(`directory \\(SCIM\\).*${carlEmail.replace('.', '\\.')}`, 'i'),
    });
    await expect(removal.first()).toBeVisible();
    await expect(removal.first()).toContainText('token “Okta”');
  });
});
