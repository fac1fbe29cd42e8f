import type { APIRequestContext } from '@playwright/test';
import { test, expect, uniqueSuffix } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

async function post<T>(request: APIRequestContext, url: string, data: unknown, status = 201): Promise<T> {
  const response = await request.post(url, { data, headers: csrf });
  expect(response.status(), `${url}: ${await response.text()}`).toBe(status);
  // One object answers in the platform's envelope: { result: … }.
  return ((await response.json()) as { result: T }).result;
}

test('a collaborator sees exactly the granted cloud and its workloads, and takes over a removed member’s job', async ({
  page,
  seed,
  pageAs,
  axe,
  consoleErrors,
}) => {
  const sfx = uniqueSuffix();
  const owner = page.request;
  const granted = await post<{ id: string; name: string }>(owner, '/api/v2/clouds', {
    name: `Granted ${sfx}`,
    provider: 'aws',
    region: 'us-east-1',
  });
  const hidden = await post<{ id: string; name: string }>(owner, '/api/v2/clouds', {
    name: `Hidden ${sfx}`,
    provider: 'gcp',
    region: 'us-central1',
  });
  const cara = await seed.member({ name: `Cara Takeover${sfx}` });
  const ada = await seed.member({ name: `Ada Leaving${sfx}` });
  await post(
    owner,
    `/api/v2/clouds/${granted.id}/collaborators`,
    { user_ids: [cara.user_id, ada.user_id] },
    200,
  );

  const jobName = `bernoulli-${sfx}`;
  await test.step('Ada runs a job, then leaves the organization', async () => {
    const adaPage = await pageAs(ada);
    await post(adaPage.request, '/api/v2/workloads', { cloud_id: granted.id, name: jobName, kind: 'job' });
    await post(owner, '/api/v2/workloads', { cloud_id: hidden.id, name: `secret-${sfx}`, kind: 'service' });
    const removed = await owner.delete(`/api/v2/organization_collaborators/${ada.id}`, { headers: csrf });
    expect(removed.status()).toBe(204);
  });

  const carasPage = await pageAs(cara);

  await test.step('Clouds lists exactly the granted cloud', async () => {
    await carasPage.goto('/clouds');
    const table = carasPage.getByRole('table', { name: 'Clouds' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row', { name: new RegExp(granted.name) })).toBeVisible();
    await expect(carasPage.getByRole('button', { name: 'Register cloud' })).toBeDisabled();
    await expect(carasPage.getByText('Only organization owners can register clouds.')).toBeVisible();
    await axe.check(carasPage, { label: 'clouds (collaborator)' });
  });

  await test.step('the cloud page shows its workloads, and no Manage users', async () => {
    await carasPage.getByRole('link', { name: granted.name }).click();
    await expect(carasPage.getByRole('heading', { name: granted.name, level: 1 })).toBeVisible();
    await expect(carasPage.getByRole('list', { name: 'Why you have access' })).toContainText('Granted Write');
    await expect(carasPage.getByRole('heading', { name: 'Manage users' })).toHaveCount(0);
    const table = carasPage.getByRole('table', { name: `Workloads on ${granted.name}` });
    await expect(table.getByRole('row', { name: new RegExp(jobName) })).toContainText(
      `${ada.name} (removed)`,
    );
    await axe.check(carasPage, { label: 'cloud detail (collaborator)' });
  });

  await test.step('a hidden cloud answers “not found”', async () => {
    // Chromium logs the 404 of the API call; it is the expected answer here.
    consoleErrors.allow(new RegExp(`404.*/api/v2/clouds/${hidden.id}`));
    await carasPage.goto(`/clouds/${hidden.id}`);
    await expect(carasPage.getByRole('heading', { name: 'Cloud not found' })).toBeVisible();
  });

  await carasPage.goto('/workloads');
  const table = carasPage.getByRole('table', { name: 'Workloads' });
  const jobRow = table.getByRole('row', { name: new RegExp(`^${jobName} Job`) });

  await test.step('Workloads shows only workloads on the granted cloud', async () => {
    await expect(jobRow).toContainText('Job');
    await expect(jobRow).toContainText(`${ada.name} (removed)`);
    await expect(table.getByRole('row', { name: new RegExp(`secret-${sfx}`) })).toHaveCount(0);
    await axe.check(carasPage, { label: 'workloads (collaborator)' });
  });

  await test.step('Cara may not terminate Ada’s job, and is told why', async () => {
    await jobRow.getByRole('button', { name: `Actions for ${jobName}` }).click();
    const terminate = carasPage.getByRole('menuitem', { name: /Terminate/ });
    await expect(terminate).toHaveAttribute('aria-disabled', 'true');
    await expect(terminate).toContainText('Only its creator or an organization owner can terminate it');
    await axe.check(carasPage, { label: 'workload actions menu' });
    await carasPage.keyboard.press('Escape');
  });

  const copyName = `${jobName} (copy)`;
  await test.step('she duplicates it as a workspace of her own', async () => {
    await jobRow.getByRole('button', { name: `Actions for ${jobName}` }).click();
    await carasPage.getByRole('menuitem', { name: /Duplicate as workspace/ }).click();
    await expect(carasPage.getByText(`Duplicated as workspace “${copyName}”`, { exact: true })).toBeVisible();
    const copyRow = table.getByRole('row', { name: new RegExp(copyName.replace(/[()]/g, '\\$&')) });
    await expect(copyRow).toContainText('Workspace');
    await expect(copyRow).toContainText(cara.name);
    await expect(copyRow).toContainText('Running');
  });

  await test.step('and terminates the copy after confirming', async () => {
    const copyRow = table.getByRole('row', { name: new RegExp(copyName.replace(/[()]/g, '\\$&')) });
    await copyRow.getByRole('button', { name: `Actions for ${copyName}` }).click();
    await carasPage.getByRole('menuitem', { name: /Terminate/ }).click();
    const confirm = carasPage.getByRole('alertdialog', { name: `Terminate ${copyName}?` });
    await expect(confirm).toContainText(`stops on ${granted.name}`);
    await axe.check(carasPage, { label: 'terminate dialog' });
    await confirm.getByRole('button', { name: 'Terminate workspace' }).click();
    await expect(confirm).toBeHidden();
    await expect(carasPage.getByText(`Terminated ${copyName}`, { exact: true })).toBeVisible();
    await expect(copyRow).toContainText('Terminated');
    // The original job is untouched.
    await expect(jobRow).toContainText('Running');
  });

  await test.step('filters live in the URL', async () => {
    await carasPage.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Terminated' });
    await expect(carasPage).toHaveURL(/[?&]status=terminated/);
    await expect(table.getByRole('row', { name: new RegExp(jobName) })).toHaveCount(1);
    await carasPage.reload();
    await expect(carasPage.getByRole('combobox', { name: 'Status' })).toHaveValue('terminated');
  });
});

test('the removal dialog’s link lists one person’s workloads, named even after they left', async ({
  page,
  seed,
  pageAs,
}) => {
  const sfx = uniqueSuffix();
  const cloud = await post<{ id: string }>(page.request, '/api/v2/clouds', {
    name: `Creator filter ${sfx}`,
    provider: 'kubernetes',
    region: 'on-prem',
  });
  const leaver = await seed.member({ name: `Lee Leaver${sfx}` });
  await post(page.request, `/api/v2/clouds/${cloud.id}/collaborators`, { user_ids: [leaver.user_id] }, 200);
  const leaverPage = await pageAs(leaver);
  await post(leaverPage.request, '/api/v2/workloads', {
    cloud_id: cloud.id,
    name: `svc-${sfx}`,
    kind: 'service',
  });
  await page.request.delete(`/api/v2/organization_collaborators/${leaver.id}`, { headers: csrf });

  await page.goto(`/workloads?creator=${leaver.id}`);
  const table = page.getByRole('table', { name: 'Workloads' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: new RegExp(`svc-${sfx}`) })).toContainText(
    `${leaver.name} (removed)`,
  );
  await expect(page.getByRole('combobox', { name: 'Creator' })).toHaveValue(leaver.id);
  await expect(page.getByRole('combobox', { name: 'Creator' }).locator('option:checked')).toHaveText(
    `${leaver.name} (removed)`,
  );
  // An owner may terminate anyone's workload.
  await table.getByRole('button', { name: `Actions for svc-${sfx}` }).click();
  await expect(page.getByRole('menuitem', { name: /Terminate/ })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
});

test('a collaborator creates a workspace on a granted cloud', async ({ page, seed, pageAs, axe }) => {
  const sfx = uniqueSuffix();
  const cloud = await post<{ id: string; name: string }>(page.request, '/api/v2/clouds', {
    name: `Workspace cloud ${sfx}`,
    provider: 'azure',
    region: 'westeurope',
  });
  const dev = await seed.member({ name: `Dev Builder${sfx}` });
  await post(page.request, `/api/v2/clouds/${cloud.id}/collaborators`, { user_ids: [dev.user_id] }, 200);
  const devPage = await pageAs(dev);
  await devPage.goto('/workloads');
  await devPage.getByRole('button', { name: 'New workspace' }).click();
  const dialog = devPage.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Name').fill(`notebook-${sfx}`);
  await expect(dialog.getByLabel('Cloud')).toHaveValue(cloud.id);
  await axe.check(devPage, { label: 'new workspace dialog' });
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();
  const row = devPage.getByRole('row', { name: new RegExp(`notebook-${sfx}`) });
  await expect(row).toContainText('Workspace');
  await expect(row).toContainText(dev.name);
});

test.describe('at 375 px wide', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('Workloads, its filters and its actions menu fit without sideways scrolling', async ({
    page,
    axe,
  }) => {
    const cloud = await post<{ id: string }>(page.request, '/api/v2/clouds', {
      name: `Narrow workloads ${uniqueSuffix()}`,
      provider: 'aws',
      region: 'eu-west-1',
    });
    const workload = await post<{ name: string }>(page.request, '/api/v2/workloads', {
      cloud_id: cloud.id,
      name: `narrow-${uniqueSuffix()}`,
    });
    await page.goto('/workloads');
    const row = page.getByRole('row', { name: new RegExp(workload.name) });
    await expect(row).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
    await axe.check(page, { label: 'workloads at 375px' });
    await row.getByRole('button', { name: `Actions for ${workload.name}` }).click();
    await expect(page.getByRole('menuitem', { name: /Duplicate as workspace/ })).toBeVisible();
    await axe.check(page, { label: 'workload actions at 375px' });
  });
});
