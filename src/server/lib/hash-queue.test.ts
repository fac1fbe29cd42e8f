import { describe, expect, it } from 'vitest';
import { HashQueue } from './crypto.ts';
import { AppError } from './errors.ts';

describe('password hash queue', () => {
  it('runs a bounded number at once, queues a few more, and refuses the rest with Retry-After', async () => {
    const queue = new HashQueue(2, 2);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const task = () =>
      queue.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return 'done';
      });
    const accepted = [task(), task(), task(), task()];
    const refused = await task().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).statusCode).toBe(429);
    expect((refused as AppError).retryAfter).toBe(1);
    while (releases.length < 4) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (releases.length === 0) break;
    }
    releases.splice(0).forEach((release) => release());
    await new Promise((resolve) => setTimeout(resolve, 1));
    releases.splice(0).forEach((release) => release());
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done', 'done']);
    expect(peak).toBe(2);
    // Capacity comes back once the burst is over.
    const later = queue.run(async () => 'again');
    expect(await later).toBe('again');
  });
});
