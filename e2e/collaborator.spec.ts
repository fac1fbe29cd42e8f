import { test, expect, owner } from './fixtures.ts';

test('a collaborator sees the member list read-only and whom to ask', async ({ seed, pageAs }) => {
  const collaborator = await seed.member({ name: 'Casey Reader' });
  const page = await pageAs(collaborator);

  await page.goto('/settings/members');
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();

  await test.step('the owners to contact are named', async () => {
    const line = page.getByText(/Ask an owner —/);
    await expect(line).toContainText(`Ask an owner — ${owner.name}`);
    await expect(line).toContainText('to change roles or invite people.');
    await expect(page.getByRole('link', { name: owner.name })).toHaveAttribute(
      'href',
      `mailto:${owner.email}`,
    );
  });

  const table = page.getByRole('table', { name: `Members of ${owner.organization_name}` });
  await test.step('the list is there, marked with who you are', async () => {
    await expect(table.getByRole('row', { name: /Casey Reader/ })).toContainText('You');
    await expect(table.getByRole('row', { name: new RegExp(owner.name) })).toContainText('Owner');
  });

  await test.step('nothing on the page changes anything', async () => {
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /invite|remove|role|actions|revoke|resend/i })).toHaveCount(
      0,
    );
    await expect(table.getByRole('combobox')).toHaveCount(0);
    // Owner-only settings are not offered.
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  });

  await test.step('search and filters still work for reading', async () => {
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Owners' });
    await expect(page).toHaveURL(/[?&]role=owner/);
    await expect(table.getByRole('row', { name: new RegExp(owner.name) })).toBeVisible();
    await expect(table.getByRole('row', { name: /Casey Reader/ })).toHaveCount(0);
  });
});

test('a collaborator who opens an owner page is told why, not silently redirected', async ({
  seed,
  pageAs,
  axe,
}) => {
  const page = await pageAs(await seed.member({ name: 'Bo Bookmark' }));
  for (const [path, name] of [
    ['/settings/audit-log', 'The audit log'],
    ['/settings/invitations', 'Invitations'],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(
      page.getByRole('heading', { name: 'Only organization owners can open this page' }),
    ).toBeVisible();
    await expect(page.getByText(`${name} is for owners, and you are a collaborator.`)).toBeVisible();
  }
  await axe.check(page, { label: 'owner-only page as collaborator' });
  await page.getByRole('link', { name: 'Go to Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
});
