import * as React from 'react';
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { useAuditLogParams } from './use-audit-log-params.ts';

function renderParams(initial = '/settings/audit-log') {
  return renderHook(() => useAuditLogParams(), {
    wrapper: ({ children }: { children: React.ReactNode }) => (
      <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>
    ),
  });
}

describe('audit log date range in the URL', () => {
  it('keeps both bounds when From and To change in the same tick', () => {
    const { result } = renderParams();
    act(() => {
      result.current.setRange({ from: '2001-01-01' });
      result.current.setRange({ to: '2001-01-31' });
    });
    expect(result.current.filters).toMatchObject({ from: '2001-01-01', to: '2001-01-31' });
  });

  it('moves the other bound along when the range would cross, and starts again from the newest page', () => {
    const { result } = renderParams('/settings/audit-log?from=2001-01-01&to=2001-01-31&page=abc');
    act(() => result.current.setRange({ from: '2001-03-01' }));
    expect(result.current.filters).toMatchObject({ from: '2001-03-01', to: '2001-03-01' });
    expect(result.current.filters.paging_token).toBeUndefined();
    act(() => result.current.setRange({ to: '2000-12-31' }));
    expect(result.current.filters).toMatchObject({ from: '2000-12-31', to: '2000-12-31' });
  });
});
