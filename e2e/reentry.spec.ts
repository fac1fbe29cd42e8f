import type { APIRequestContext } from '@playwright/test';
import { test, expect, owner, uniqueSuffix } from './fixtures.ts';

const csrf = { 'x-requested-with': 'roster' };

async function post(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { data, headers: csrf });
  expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test('removing someone revokes the invitations they sent; "Send again from me" re-invites as you', async ({
  page,
  seed,
  pageAs,
  axe,
}) => {
  const tara = await seed.member({ name: 'Tara Inviter', role: 'owner' });
  const taraPage = await pageAs(tara);
  const suffix = uniqueSuffix();
  const friend = `friend.${suffix}@acme.test`;
  const backdoor = `tara.alt.${suffix}@acme.test`;

  const [asOwner, asCollaborator] = await test.step('Tara invites an owner and a collaborator', async () => {
    const owners = await post(taraPage.request, '/api/v2/organization_invitations', {
      emails: [backdoor],
      permission_level: 'owner',
    });
    const collaborators = await post(taraPage.request, '/api/v2/organization_invitations', {
      emails: [friend],
      permission_level: 'collaborator',
    });
    const token = (result: { results: { invite_link: string }[] }) =>
      new URL(result.results[0]!.invite_link).searchParams.get('token')!;
    return [token(owners), token(collaborators)];
  });

  await page.goto(`/settings/members?q=${encodeURIComponent('Tara Inviter')}`);
  await test.step('demoting Tara kills her owner invitation only', async () => {
    const role = page.getByRole('radiogroup', { name: 'Role of Tara Inviter' });
    await role.getByRole('radio', { name: 'Collaborator' }).click();
    await expect(
      page.getByRole('region', { name: /Notifications/ }).getByText(/is now a collaborator/),
    ).toBeVisible();
    const previewOf = (token: string) =>
      page.request.post('/api/v2/invitation_acceptances/preview', { data: { token }, headers: csrf });
    expect((await previewOf(asOwner)).status()).toBe(400);
    expect((await previewOf(asCollaborator)).status()).toBe(200);
  });

  await test.step('the dialog lists what she sent and offers to send it again from me', async () => {
    await page.getByRole('button', { name: 'Actions for Tara Inviter' }).click();
    await page.getByRole('menuitem', { name: 'Remove…' }).click();
    const dialog = page.getByRole('alertdialog');
    const section = dialog.getByRole('region', { name: 'Invitations Tara Inviter sent' });
    await expect(section).toContainText(`1 pending invitation (${friend}) will be revoked`);
    await section.getByRole('checkbox', { name: /Send again from me/ }).check();
    await axe.check(page, { label: 'removal dialog with invitations to send again' });
    await dialog.getByRole('button', { name: 'Remove Tara Inviter' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('her link is dead; a fresh one from me is pending', async () => {
    const accept = await page.request.post('/api/v2/invitation_acceptances', {
      data: { token: asCollaborator, name: 'Sneaky', password: 'a long enough pass phrase 42' },
      headers: csrf,
    });
    expect(accept.status()).toBe(400);
    await expect
      .poll(async () => {
        const list = await (await page.request.get('/api/v2/organization_invitations?count=100')).json();
        const pending = list.results.find((invitation: { email: string }) => invitation.email === friend);
        return pending?.invited_by?.name;
      })
      .toBe(owner.name);
  });
});
