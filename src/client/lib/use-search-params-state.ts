import * as React from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';

/** Search params to set (a value) or remove (undefined or empty). */
export type SearchParamChanges<Key extends string> = Partial<Record<Key, string | undefined>>;

/**
 * State kept in the URL's search params: the params, and a function that
 * changes some of them and navigates. Each change builds on the URL as the last
 * change left it, not as it was at the last render: react-router's functional
 * setSearchParams reads the rendered params, so two changes in one tick (From
 * and To filled one right after the other, say) would otherwise drop the first.
 */
export function useSearchParamsState<Key extends string>() {
  const [params, setParams] = useSearchParams();
  const latest = React.useRef(params);
  React.useLayoutEffect(() => {
    latest.current = params;
  }, [params]);

  const update = (
    changes: SearchParamChanges<Key> | ((current: URLSearchParams) => SearchParamChanges<Key>),
    options: NavigateOptions = {},
  ) => {
    const next = new URLSearchParams(latest.current);
    const resolved = typeof changes === 'function' ? changes(latest.current) : changes;
    for (const [key, value] of Object.entries<string | undefined>(resolved)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    latest.current = next;
    setParams(next, { preventScrollReset: true, ...options });
  };

  return [params, update] as const;
}
