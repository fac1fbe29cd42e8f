import * as React from 'react';
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { useMemberListParams } from './use-member-list-params.ts';

function renderParams(initial = '/settings/members') {
  return renderHook(() => ({ params: useMemberListParams(), location: useLocation() }), {
    wrapper: ({ children }: { children: React.ReactNode }) => (
      <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>
    ),
  });
}

describe('member list filters in the URL', () => {
  it('keeps both when two filters change in the same tick', () => {
    const { result } = renderParams('/settings/members?q=ada');
    act(() => {
      result.current.params.setRole('owner');
      result.current.params.setSource('scim');
    });
    expect(result.current.params.filters).toMatchObject({
      q: 'ada',
      permission_level: 'owner',
      source: 'scim',
    });
  });

  it('starts again from the first page when a filter changes, and carries the offset when paging', () => {
    const { result } = renderParams('/settings/members?role=owner');
    act(() => result.current.params.goToPage('next-token', 50));
    expect(result.current.params.filters.paging_token).toBe('next-token');
    expect(result.current.params.offset).toBe(50);
    act(() => result.current.params.setQuery(' grace '));
    expect(result.current.location.search).toBe('?role=owner&q=grace');
    expect(result.current.params.offset).toBeUndefined();
  });
});
