import type { Locator, Page } from '@playwright/test';
import { test, expect, owner, uniqueSuffix } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

/** Presses Tab (or Shift+Tab) until `target` has focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach ${target} with the keyboard`);
}

/** Types a search into the member combobox and chooses the only match with Enter. */
async function chooseByKeyboard(page: Page, combobox: Locator, name: string) {
  await expect(combobox).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(name);
  const listbox = page.getByRole('listbox');
  await expect(listbox).not.toHaveAttribute('aria-busy', 'true');
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option', { name: new RegExp(name) })).toBeVisible();
  await page.keyboard.press('Enter');
}

/** Opens a role select with the keyboard and picks `label` (Owner, Write, Read only). */
async function chooseRole(page: Page, select: Locator, label: string) {
  await expect(select).toBeFocused();
  await page.keyboard.press('Enter');
  const option = page.getByRole('option', { name: new RegExp(`^${label}`) });
  await expect(option).toBeVisible();
  for (let i = 0; i < 4 && !(await option.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(select).toContainText(label);
}

test('an owner grants a cloud to a group read only and one member write; each sees what their role allows', async ({
  page,
  seed,
  pageAs,
  roster,
  axe,
}) => {
  test.slow();
  const sfx = uniqueSuffix();
  const groupName = `Data Science ${sfx}`;
  const cloudName = `Research ${sfx}`;
  // A crowd the member search has to look through on the server, and the three who join the group.
  const crowd = await fetch(`${roster.controlUrl}/bulk-members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 300, prefix: `Crowd ${sfx}`, domain: 'crowd.acme.test' }),
  });
  expect(crowd.status).toBe(201);
  const wren = await seed.member({ name: `Wren Writer${sfx}` });
  const rhea = await seed.member({ name: `Rhea Reader${sfx}` });
  const ravi = await seed.member({ name: `Ravi Reader${sfx}` });
  const cloud = (await (
    await page.request.post('/api/v2/clouds', {
      data: { name: cloudName, provider: 'aws', region: 'eu-west-1' },
      headers: csrf,
    })
  ).json()) as { result?: { id: string }; id?: string };
  const cloudId = (cloud.result ?? cloud).id!;

  await test.step('create the group', async () => {
    await page.goto('/settings/groups');
    await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Create group' }).first());
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create group' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await axe.check(page, { label: 'create group dialog' });
    await page.keyboard.type(groupName);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible();
  });

  await test.step('add three members, searched among hundreds', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Add members' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add members to ${groupName}` });
    const combobox = dialog.getByRole('combobox', { name: 'Members' });
    for (const person of [wren, rhea, ravi]) await chooseByKeyboard(page, combobox, person.name);
    await axe.check(page, { label: 'add group members dialog' });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole('button', { name: 'Add 3 members' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const members = page.getByRole('list', { name: `Members of ${groupName}` });
    await expect(members.getByRole('listitem')).toHaveCount(3);
    await axe.check(page, { label: 'group page' });
  });

  const people = page.getByRole('list', { name: `People with access to ${cloudName}` });
  await test.step('grant the group read only on the cloud', async () => {
    await page.goto(`/clouds/${cloudId}`);
    await expect(page.getByRole('heading', { name: cloudName, level: 1 })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Add people or groups' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add people or groups to ${cloudName}` });
    await expect(dialog.getByRole('combobox', { name: 'People' })).toBeFocused();
    await tabTo(page, dialog.getByRole('searchbox', { name: 'Search groups' }));
    await page.keyboard.type(groupName);
    const checkbox = dialog.getByRole('checkbox', { name: groupName });
    await tabTo(page, checkbox);
    await page.keyboard.press('Space');
    await expect(checkbox).toBeChecked();
    await tabTo(page, dialog.getByRole('combobox', { name: 'Role' }));
    await chooseRole(page, dialog.getByRole('combobox', { name: 'Role' }), 'Read only');
    await axe.check(page, { label: 'add people or groups dialog' });
    await tabTo(page, dialog.getByRole('button', { name: 'Add 1 with read only' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const groups = page.getByRole('list', { name: `Groups with access to ${cloudName}` });
    await expect(groups.getByRole('listitem').filter({ hasText: groupName })).toBeVisible();
    await expect(people.getByRole('listitem').filter({ hasText: rhea.email })).toContainText(
      `Read only via group ${groupName}`,
    );
  });

  await test.step('give one member write directly', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Add people or groups' }), { backwards: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add people or groups to ${cloudName}` });
    await chooseByKeyboard(page, dialog.getByRole('combobox', { name: 'People' }), wren.name);
    await page.keyboard.press('Escape');
    // Write is the default role.
    await expect(dialog.getByRole('combobox', { name: 'Role' })).toContainText('Write');
    await tabTo(page, dialog.getByRole('button', { name: 'Add 1 with write' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  });

  await test.step('Manage users shows both of her sources, strongest first', async () => {
    const row = people.getByRole('listitem').filter({ hasText: wren.email });
    const why = row.getByRole('list', { name: `Why ${wren.name} has access` });
    await expect(why.getByRole('listitem')).toHaveText([
      new RegExp(`^Granted Write by ${owner.name} on `),
      `Read only via group ${groupName}`,
    ]);
    await expect(row.getByRole('combobox', { name: `Role of ${wren.name}’s direct grant` })).toContainText(
      'Write',
    );
    await axe.check(page, { label: 'manage users with groups and roles' });
  });

  await test.step('the writer creates a workspace', async () => {
    const writer = await pageAs(wren);
    await writer.goto(`/clouds/${cloudId}`);
    await expect(writer.getByRole('heading', { name: cloudName, level: 1 })).toBeVisible();
    await tabTo(writer, writer.getByRole('button', { name: 'New workspace' }));
    await writer.keyboard.press('Enter');
    const dialog = writer.getByRole('dialog', { name: `New workspace on ${cloudName}` });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await writer.keyboard.type(`nb-${sfx}`);
    await writer.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(writer.getByRole('table', { name: `Workloads on ${cloudName}` })).toContainText(`nb-${sfx}`);
  });

  await test.step('a reader sees the workloads and a disabled Create with the reason as text', async () => {
    const reader = await pageAs(rhea);
    await reader.goto(`/clouds/${cloudId}`);
    await expect(reader.getByRole('heading', { name: cloudName, level: 1 })).toBeVisible();
    await expect(reader.getByRole('table', { name: `Workloads on ${cloudName}` })).toContainText(`nb-${sfx}`);
    const create = reader.getByRole('button', { name: 'New workspace' });
    await expect(create).toBeDisabled();
    const reasonId = await create.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    const reason = reader.locator(`[id="${reasonId}"]`);
    await expect(reason).toBeVisible();
    await expect(reason).toContainText(/read.only/i);
    await expect(reader.getByRole('list', { name: 'Why you have access' })).toContainText(
      `Read only via group ${groupName}`,
    );
    await axe.check(reader, { label: 'cloud detail (read only)' });
  });
});
