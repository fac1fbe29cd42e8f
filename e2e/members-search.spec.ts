import { test, expect } from './fixtures.ts';

test.describe('finding people on the members page', () => {
  test('typing keeps focus and every letter; the search survives reload', async ({ page, seed }) => {
    const [target] = await Promise.all([
      seed.member({ name: 'Quincy Marlowe' }),
      seed.member({ name: 'Quinn Marsh' }),
    ]);
    await page.goto('/settings/members');
    const search = page.getByRole('searchbox', { name: 'Search members by name or email' });
    await search.click();
    // Slower than the debounce, so the URL updates between letters while typing continues.
    await search.pressSequentially('quincy mar', { delay: 350 });
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('quincy mar');
    await expect(page).toHaveURL(/[?&]q=quincy\+mar(&|$)/);
    const rows = page.getByRole('table', { name: /^Members/ }).getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(target!.name);

    await page.reload();
    await expect(search).toHaveValue('quincy mar');
    await expect(rows).toHaveCount(2);
  });

  test('an empty result explains itself and Clear filters brings everyone back', async ({ page }) => {
    await page.goto('/settings/members?q=nobody-by-this-name&role=collaborator');
    await expect(page.getByText('No collaborators match “nobody-by-this-name”')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/settings\/members$/);
    const search = page.getByRole('searchbox', { name: 'Search members by name or email' });
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    await expect(page.getByRole('combobox', { name: 'Role' })).toHaveValue('');
    await expect(
      page
        .getByRole('table', { name: /^Members/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
  });

  test('sorting by a column header is reflected in the URL and the header', async ({ page, seed }) => {
    await seed.member({ name: 'Aaron Aardvark' });
    await page.goto('/settings/members');
    const name = page.getByRole('columnheader', { name: 'Name' });
    await expect(name).toHaveAttribute('aria-sort', 'ascending');
    await name.getByRole('button').click();
    await expect(page).toHaveURL(/[?&]sort=-name/);
    await expect(name).toHaveAttribute('aria-sort', 'descending');
    await page.getByRole('columnheader', { name: 'Joined' }).getByRole('button').click();
    await expect(page).toHaveURL(/[?&]sort=created_at/);
    await expect(page.getByRole('columnheader', { name: 'Joined' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  });
});
