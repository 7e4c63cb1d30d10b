/**
 * The custom_ids a build has seen, in memory that does not grow with the input. The first
 * MEMORY_IDS ids are kept as fingerprints in memory (IdSet), and every later id is checked against
 * them at once. Later ids are also spilled to disk (IdSpill); duplicates among them are found by
 * finish(), after the last row, as registration ordinals. The build then runs the group again
 * with those ordinals `known`, so that every duplicate is reported (or rejected) at its row exactly
 * as an unbounded in-memory set would have: the output does not depend on where the ids were kept.
 */
import { fingerprint, IdSet, print } from './id-set.js';
import { IdSpill } from './id-spill.js';

/** ids kept in memory: 2^20 ids take a 16 MB table at most */
export const MEMORY_IDS = 1 << 20;

export interface UniqueIdsOptions {
  /** a folder for ids beyond memoryIds; without it every id stays in memory */
  spillDir?: string;
  /** ids kept in memory before spilling starts (tests make it small) */
  memoryIds?: number;
  /** ordinals of ids known to be duplicates, ascending: what an earlier pass's finish() found */
  known?: ArrayLike<number>;
}

export class UniqueIds {
  private readonly memory = new IdSet();
  private readonly limit: number;
  private readonly spill: IdSpill | undefined;
  private readonly known: ArrayLike<number> | undefined;
  private nextKnown = 0;
  private ordinal = 0;

  constructor(opts: UniqueIdsOptions = {}) {
    this.known = opts.known;
    // with the late duplicates known, nothing is left for a spill to find
    this.spill = opts.spillDir !== undefined && !opts.known ? new IdSpill(opts.spillDir) : undefined;
    this.limit = opts.spillDir !== undefined ? (opts.memoryIds ?? MEMORY_IDS) : Infinity;
  }

  /** ids spilled so far: until the first, every answer of add was final */
  get spilled(): number {
    return this.spill?.size ?? 0;
  }

  /** Registers the id; false when it is a duplicate of an earlier one. */
  add(id: string): boolean {
    const n = this.ordinal++;
    const known = this.known;
    if (known && this.nextKnown < known.length && known[this.nextKnown] === n) {
      this.nextKnown++;
      return false;
    }
    fingerprint(id);
    const { h1, h2 } = print;
    if (this.memory.size < this.limit) return this.memory.insert(h1, h2);
    if (this.memory.has(h1, h2)) return false;
    this.spill?.add(h1, h2, n);
    return true;
  }

  /** After the last id: the ordinals of the duplicates only the spill could see, ascending. */
  finish(): Uint32Array {
    return this.spill ? this.spill.finish() : new Uint32Array(0);
  }

  /** Removes spilled ids without checking them (a build that stopped early). */
  dispose(): void {
    this.spill?.dispose();
  }
}
