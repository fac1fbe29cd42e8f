import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError } from '../lib/api-client.ts';
import { CreateSecretDialog } from './create-secret-dialog.tsx';

afterEach(cleanup);

const schema = z.object({ name: z.string().min(1, 'Name it.') });
type Body = z.infer<typeof schema>;

function Harness({
  create,
  onOpenChange,
}: {
  create: (body: Body) => Promise<{ name: string; token: string }>;
  onOpenChange: (open: boolean) => void;
}) {
  const mutation = useMutation<{ name: string; token: string }, ApiError, Body>({ mutationFn: create });
  return (
    <CreateSecretDialog
      open
      onOpenChange={onOpenChange}
      mutation={mutation}
      fields={['name'] as const}
      schema={schema}
      read={(form) => ({ name: String(form.get('name') ?? '').trim() })}
      title="Create a widget secret"
      description="For widgets."
      nameHint="Where it is used."
      submitLabel="Create secret"
      shown={(created) => ({
        title: 'Copy your new secret',
        description: `Only now is “${created.name}” shown.`,
        secretLabel: `Secret ${created.name}`,
        copyLabel: 'Copy secret',
        warning: 'Anyone with it can act for widgets.',
      })}
    />
  );
}

function renderDialog(
  create: (body: Body) => Promise<{ name: string; token: string }>,
  onOpenChange = vi.fn(),
) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <Harness create={create} onOpenChange={onOpenChange} />
    </QueryClientProvider>,
  );
  return onOpenChange;
}

describe('a secret shown once', () => {
  it('shows the created secret with its copy button and warning, and forgets it on Done', async () => {
    const create = vi.fn(async (body: Body) => ({ name: body.name, token: 'w_secret' }));
    const onOpenChange = renderDialog(create);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' ci ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create secret' }));
    const secret = (await screen.findByLabelText('Secret ci')) as HTMLInputElement;
    expect(secret.value).toBe('w_secret');
    expect(secret.readOnly).toBe(true);
    expect(create.mock.calls[0]![0]).toEqual({ name: 'ci' });
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('Anyone with it can act for widgets.');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    // The dialog is controlled (still open here): the form is back and the secret is gone.
    expect(await screen.findByRole('button', { name: 'Create secret' })).toBeTruthy();
    expect(screen.queryByDisplayValue('w_secret')).toBeNull();
  });

  it('checks the fields before asking, and puts a refusal of a field under it with focus there', async () => {
    const message = 'Invalid body: name: must not contain control characters';
    const create = vi.fn(async () => {
      throw new ApiError(400, 'validation_failed', message);
    });
    renderDialog(create);
    fireEvent.click(screen.getByRole('button', { name: 'Create secret' }));
    expect(screen.getByText('Name it.')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    screen.getByRole('button', { name: 'Create secret' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Create secret' }));
    const error = await screen.findByText('Must not contain control characters');
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(name);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a refusal that names no field for the whole form', async () => {
    renderDialog(async () => {
      throw new ApiError(403, 'session_required', 'Create it from a signed-in session.');
    });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create secret' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Create it from a signed-in session.');
  });
});
