/**
 * A compact set of custom_ids for uniqueness checks: it keeps a 64-bit fingerprint per id (two
 * 32-bit hashes) in an open-addressing table, ~11 bytes per id at most, instead of the strings
 * (~60+ bytes each in a Set). A hit means "very probably seen": with 10M ids the chance of any
 * false hit is about 3 in a million, and the build confirms every hit by finding the earlier row
 * before it reports a duplicate. UniqueIds (unique-ids.ts) bounds how big it grows.
 */

/** The fingerprint of the last id given to fingerprint(): read at once, it is overwritten by the next call. */
export const print = { h1: 0, h2: 0 };

/** Sets print.h1 and print.h2 to the id's 64-bit fingerprint, never (0, 0). */
export function fingerprint(id: string): void {
  let h1 = 0x811c9dc5; // FNV-1a
  let h2 = 0x9747b28c; // murmur-style mix, different seed
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = (h1 ^ (h1 >>> 16)) >>> 0;
  h2 = (Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ id.length) >>> 0;
  if (h1 === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
  print.h1 = h1;
  print.h2 = h2;
}

export class IdSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Empties the set, keeping its table when it has room for `capacity` ids (reused, not reallocated). */
  clear(capacity = 0): void {
    let cap = this.hi.length;
    while (cap * 7 < capacity * 10) cap <<= 1;
    if (cap === this.hi.length) {
      this.hi.fill(0);
      this.lo.fill(0);
    } else {
      this.hi = new Uint32Array(cap);
      this.lo = new Uint32Array(cap);
      this.mask = cap - 1;
    }
    this.count = 0;
  }

  /** Adds the id; returns false when it was (very probably) there already. */
  add(id: string): boolean {
    fingerprint(id);
    return this.insert(print.h1, print.h2);
  }

  /** Adds a fingerprint (not (0, 0)); returns false when it was there already. */
  insert(h1: number, h2: number): boolean {
    const i = this.slot(h1, h2);
    if (this.hi[i] !== 0 || this.lo[i] !== 0) return false;
    this.hi[i] = h1;
    this.lo[i] = h2;
    if (++this.count * 10 > this.hi.length * 7) this.grow();
    return true;
  }

  has(h1: number, h2: number): boolean {
    const i = this.slot(h1, h2);
    return this.hi[i] !== 0 || this.lo[i] !== 0;
  }

  /** the fingerprint's slot, or the empty slot where it would go */
  private slot(h1: number, h2: number): number {
    let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & this.mask;
    for (;;) {
      const a = this.hi[i]!;
      const b = this.lo[i]!;
      if ((a === 0 && b === 0) || (a === h1 && b === h2)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.mask = this.hi.length - 1;
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}
