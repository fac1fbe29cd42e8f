import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { NewPasswordFields } from './new-password-fields.tsx';

afterEach(cleanup);

function renderFields() {
  render(
    <form>
      <NewPasswordFields
        email="kestrelbloom@plinth.test"
        emailHint="The invitation is for this address."
        password={{ id: 'pw', name: 'password', label: 'Choose a password' }}
      >
        <input aria-label="Your name" name="name" />
      </NewPasswordFields>
    </form>,
  );
}

describe('the new-password fields', () => {
  it('show the address read only, as the username a password manager saves the new password under', () => {
    renderFields();
    const email = screen.getByLabelText('Email') as HTMLInputElement;
    expect(email.value).toBe('kestrelbloom@plinth.test');
    expect(email.readOnly).toBe(true);
    expect(email.autocomplete).toBe('username');
    expect(email.getAttribute('aria-describedby')).toBe(
      screen.getByText('The invitation is for this address.').id,
    );
    const password = screen.getByLabelText('Choose a password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('new-password');
    // The form's other fields sit between the two, in tab order.
    const order = [email, screen.getByLabelText('Your name'), password];
    expect([...document.querySelectorAll('input')]).toEqual(order);
  });

  it('count the address against the password', async () => {
    renderFields();
    fireEvent.change(screen.getByLabelText('Choose a password'), {
      target: { value: 'kestrelbloom@plinth.test' },
    });
    expect(await screen.findByText(/not strong enough yet/)).toBeTruthy();
  });
});
