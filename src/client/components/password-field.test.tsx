import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PasswordField } from './password-field.tsx';

afterEach(cleanup);

function renderField(props: Partial<React.ComponentProps<typeof PasswordField>> = {}) {
  render(
    <form>
      <input aria-label="Your name" name="name" defaultValue="Kestrel Bloom" />
      <PasswordField id="pw" name="password" label="Password" {...props} />
    </form>,
  );
  return screen.getByLabelText('Password');
}

const strength = () => document.getElementById('pw-strength')!;

describe('live password strength', () => {
  it('counts the missing characters of a short password', () => {
    const input = renderField();
    fireEvent.change(input, { target: { value: 'abc' } });
    expect(strength().textContent).toContain('Too short: 9 more characters.');
  });

  it("refuses a common password with the estimator's warning, once its dictionaries have loaded", async () => {
    const input = renderField();
    fireEvent.change(input, { target: { value: 'password1234' } });
    expect(await screen.findByText(/not strong enough yet/)).toBeTruthy();
    expect(strength().textContent).toMatch(/common|guess/i);
  });

  it('accepts a long unusual passphrase', async () => {
    const input = renderField();
    fireEvent.change(input, { target: { value: 'marble kestrel overdue plinth' } });
    expect(await screen.findByText(/good to use/)).toBeTruthy();
  });

  it("counts the person's own name and the form's other fields against the password", async () => {
    // Strong enough for a stranger, not for someone called Kestrel Bloom.
    const input = renderField({ userInputFields: ['name'] });
    fireEvent.change(input, { target: { value: 'kestrel bloom' } });
    expect(await screen.findByText(/not strong enough yet/)).toBeTruthy();
    cleanup();
    const stranger = renderField();
    fireEvent.change(stranger, { target: { value: 'kestrel bloom' } });
    expect(await screen.findByText(/good to use/)).toBeTruthy();
  });

  it('describes the input by its hint and its verdict, and shows an error in place of the hint', () => {
    render(
      <PasswordField id="pw" name="password" label="Password" error="This is a very common password." />,
    );
    const input = screen.getByLabelText('Password');
    expect(input.getAttribute('aria-describedby')).toContain('pw-strength');
    expect(screen.getByText('This is a very common password.')).toBeTruthy();
    expect(screen.queryByText(/At least 12 characters/)).toBeNull();
  });
});
