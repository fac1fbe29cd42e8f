import * as React from 'react';
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { useSearchParamsState } from './use-search-params-state.ts';

function renderState(initial: string) {
  return renderHook(
    () => {
      const [params, change] = useSearchParamsState<'a' | 'b' | 'page'>();
      return { params, change, location: useLocation(), navigate: useNavigate() };
    },
    {
      wrapper: ({ children }: { children: React.ReactNode }) => (
        <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>
      ),
    },
  );
}

describe('state in the URL', () => {
  it('builds each change on the last one, even two in one tick', () => {
    const { result } = renderState('/x?keep=1&page=3');
    act(() => {
      result.current.change({ a: '1', page: undefined });
      result.current.change((current) => ({ b: `${current.get('a')}+1` }));
    });
    expect(result.current.location.search).toBe('?keep=1&a=1&b=1%2B1');
  });

  it('builds on where the URL went by other means (Back, a link)', () => {
    const { result } = renderState('/x?a=1');
    act(() => result.current.navigate('/x?b=2'));
    act(() => result.current.change({ page: '4' }));
    expect(result.current.location.search).toBe('?b=2&page=4');
  });

  it('passes navigation options on (history state here)', () => {
    const { result } = renderState('/x');
    act(() => result.current.change({ a: '1' }, { replace: true, state: { offset: 50 } }));
    expect(result.current.location.state).toEqual({ offset: 50 });
    expect(result.current.location.search).toBe('?a=1');
  });
});
