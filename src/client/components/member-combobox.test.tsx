import * as React from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import { api } from '../lib/api-client.ts';
import { keepDialogOpenOnComboboxEscape, MemberCombobox } from './member-combobox.tsx';

const person = (name: string, role: Collaborator['permission_level'] = 'collaborator'): Collaborator => {
  const key = name.toLowerCase().replace(/\s+/g, '-');
  return {
    id: `m-${key}`,
    user_id: `u-${key}`,
    email: `${key}@acme.test`,
    name,
    permission_level: role,
    base_role: role,
    additional_roles: [],
    is_service_account: false,
    created_at: '2026-01-01T00:00:00.000Z',
    last_active_at: null,
    source: 'invited',
    last_sso_login_at: null,
  };
};
const people = [person('Ada Lovelace'), person('Alan Turing'), person('Olive Owner', 'owner')];

/** The member search endpoint, answering by substring like the server; records each query. */
function serveMembers() {
  const queries: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://roster.test');
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      queries.push(q);
      const results = people.filter((p) => `${p.name} ${p.email}`.toLowerCase().includes(q));
      return new Response(
        JSON.stringify({
          results,
          metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }),
  );
  return queries;
}

const search = {
  key: ['members'],
  fetch: (q: string) => api.get<CollaboratorPage>('/organization_collaborators', { q }),
};

function Harness({ multiple = true }: { multiple?: boolean }) {
  const [selected, setSelected] = React.useState<Collaborator[]>([]);
  return (
    <MemberCombobox
      id="picker"
      search={search}
      label="Members"
      multiple={multiple}
      selected={selected}
      onChange={setSelected}
      disabledReason={(member) => (member.permission_level === 'owner' ? 'Already has access' : null)}
    />
  );
}

function renderPicker(multiple = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness multiple={multiple} />
    </QueryClientProvider>,
  );
  return screen.getByRole('combobox', { name: 'Members' });
}

async function typeAndSettle(input: HTMLElement, text: string) {
  // An empty search is what ArrowDown opens; typing opens the list with a search.
  if (text === '') fireEvent.keyDown(input, { key: 'ArrowDown' });
  else fireEvent.change(input, { target: { value: text } });
  await act(async () => {
    vi.advanceTimersByTime(300);
  });
  await vi.waitFor(() => expect(screen.getByRole('listbox').getAttribute('aria-busy')).toBeNull());
}

const chips = () => within(screen.getByRole('list', { name: 'Chosen members' })).getAllByRole('listitem');

beforeAll(() => {
  // jsdom does not lay out, so it has no scrolling.
  Element.prototype.scrollIntoView = () => undefined;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('MemberCombobox', () => {
  it('searches the server as you type and chooses the highlighted match with Enter', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const queries = serveMembers();
    const input = renderPicker();
    await typeAndSettle(input, 'tur');
    expect(queries).toContain('tur');
    const option = screen.getByRole('option', { name: /Alan Turing/ });
    expect(input.getAttribute('aria-activedescendant')).toBe(option.id);

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(chips().map((chip) => chip.textContent)).toEqual([expect.stringContaining('Alan Turing')]);
    expect(screen.getByRole('option', { name: /Alan Turing/ }).getAttribute('aria-selected')).toBe('true');
    // Enter again toggles it off (multi-select).
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('list', { name: 'Chosen members' })).toBeNull();
  });

  it('moves with the arrow keys, skips members who cannot be chosen, and shows why', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serveMembers();
    const input = renderPicker();
    await typeAndSettle(input, '');
    const owner = screen.getByRole('option', { name: /Olive Owner/ });
    expect(owner.getAttribute('aria-disabled')).toBe('true');
    expect(owner.textContent).toContain('Already has access');

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' }); // stays on the last choosable member
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /Alan/ }).id);
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(chips()).toHaveLength(2);
    fireEvent.click(owner);
    expect(chips()).toHaveLength(2);
  });

  it('ignores Enter while the results are for an earlier search', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serveMembers();
    const input = renderPicker();
    await typeAndSettle(input, '');
    // "alan" is typed but not yet searched: the highlighted row is from the full list.
    fireEvent.change(input, { target: { value: 'alan' } });
    expect(screen.getByRole('listbox').getAttribute('aria-busy')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('list', { name: 'Chosen members' })).toBeNull();
  });

  it('removes chips with their buttons or Backspace, and Escape closes only the list', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serveMembers();
    const input = renderPicker();
    await typeAndSettle(input, 'a');
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(chips()).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Remove Ada Lovelace' }));
    expect(chips().map((chip) => chip.textContent)).toEqual([expect.stringContaining('Alan Turing')]);
    expect(document.activeElement).toBe(input);

    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    Object.defineProperty(escape, 'target', { value: input });
    keepDialogOpenOnComboboxEscape(escape);
    expect(escape.defaultPrevented).toBe(true);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    const later = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    Object.defineProperty(later, 'target', { value: input });
    keepDialogOpenOnComboboxEscape(later);
    expect(later.defaultPrevented).toBe(false);

    fireEvent.change(input, { target: { value: '' } });
    fireEvent.keyDown(input, { key: 'Backspace' });
    expect(screen.queryByRole('list', { name: 'Chosen members' })).toBeNull();
  });

  it('in single mode, choosing replaces the choice and closes the list', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serveMembers();
    const input = renderPicker(false);
    await typeAndSettle(input, 'ada');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await typeAndSettle(input, 'alan');
    fireEvent.keyDown(input, { key: 'Enter' });
    const chosen = within(screen.getByRole('list', { name: 'Chosen member' })).getAllByRole('listitem');
    expect(chosen.map((chip) => chip.textContent)).toEqual([expect.stringContaining('Alan Turing')]);
  });
});
