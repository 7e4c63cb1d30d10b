/**
 * Collects rows into arrays of a fixed size and numbers them across all files, so readers can
 * yield whole arrays: one await per array instead of one per row.
 */
import type { Row } from './row.js';

export class RowBatcher {
  /** index the next row gets */
  index = 0;
  private current: Row[] = [];
  private readonly ready: Row[][] = [];

  constructor(private readonly size: number) {}

  add(row: Row): void {
    this.current.push(row);
    if (this.current.length >= this.size) {
      this.ready.push(this.current);
      this.current = [];
    }
  }

  /** the full arrays collected so far */
  *full(): Generator<Row[]> {
    while (this.ready.length > 0) yield this.ready.shift()!;
  }

  /** everything left, the last array possibly short */
  *rest(): Generator<Row[]> {
    yield* this.full();
    if (this.current.length > 0) {
      const last = this.current;
      this.current = [];
      yield last;
    }
  }
}
