import { describe, expect, it } from 'vitest';
import { ChunkSize } from './chunk-size.ts';

describe('ChunkSize', () => {
  it('grows to its maximum while chunks are quick', () => {
    const size = new ChunkSize(1000);
    expect(size.rows).toBe(100);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      size.took(1);
      seen.push(size.rows);
    }
    expect(seen).toEqual([200, 400, 800, 1000, 1000, 1000]);
  });

  it('halves after a chunk over its budget, down to its minimum, and keeps a size that fits', () => {
    const size = new ChunkSize(1000, 25, 10);
    for (let i = 0; i < 4; i++) size.took(1);
    expect(size.rows).toBe(1000);
    size.took(80);
    expect(size.rows).toBe(500);
    size.took(7);
    expect(size.rows).toBe(500);
    for (let i = 0; i < 10; i++) size.took(200);
    expect(size.rows).toBe(25);
  });

  it('with its minimum at its maximum, keeps that size', () => {
    const size = new ChunkSize(500, 500);
    size.took(300);
    size.took(1);
    expect(size.rows).toBe(500);
  });
});
