/**
 * How many rows the next chunk of a long read takes (an export), so that one
 * chunk holds the request loop for about `budgetMs` at most, whatever the
 * rows cost: on SQLite a chunk's query runs on the loop, and rows read from a
 * cold disk cost a hundred times the ones in memory. Starts small, doubles
 * while chunks are quick, halves after a slow one, within `min`–`max`
 * (`min` = `max`: always that size).
 */
export class ChunkSize {
  private size: number;

  private readonly min: number;

  constructor(
    private readonly max: number,
    min = 25,
    private readonly budgetMs = 10,
  ) {
    this.min = Math.min(min, max);
    this.size = Math.min(max, Math.max(this.min, 100));
  }

  get rows(): number {
    return this.size;
  }

  /** After a chunk: how long it held the loop. */
  took(ms: number): void {
    if (ms > this.budgetMs) this.size = Math.max(this.min, Math.floor(this.size / 2));
    else if (ms < this.budgetMs / 2) this.size = Math.min(this.max, this.size * 2);
  }
}
