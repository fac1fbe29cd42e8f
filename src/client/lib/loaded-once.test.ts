import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { loadedOnce } from './query-client.ts';

function deferredAnswer() {
  let answer!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { promise, answer, fail };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

describe('loadedOnce', () => {
  it('waits for a query the cache does not hold', async () => {
    const client = new QueryClient();
    const fetch = deferredAnswer();
    const loading = loadedOnce(client, { queryKey: ['a'], queryFn: () => fetch.promise });
    expect(await settled(loading)).toBe(false);
    fetch.answer('first');
    await loading;
    expect(client.getQueryData(['a'])).toBe('first');
  });

  it('does not wait for a stale answer to refresh, and refreshes it in the background', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 0 } } });
    client.setQueryData(['a'], 'old');
    const fetch = deferredAnswer();
    const loading = loadedOnce(client, { queryKey: ['a'], queryFn: () => fetch.promise });
    expect(await settled(loading)).toBe(true);
    fetch.answer('new');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.getQueryData(['a'])).toBe('new');
  });

  it('never rejects: the page shows the failure itself', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const fetch = deferredAnswer();
    const loading = loadedOnce(client, { queryKey: ['a'], queryFn: () => fetch.promise });
    fetch.fail(new Error('offline'));
    await expect(loading).resolves.toBeUndefined();
    expect(client.getQueryState(['a'])?.status).toBe('error');
  });
});
