/**
 * Fingerprints of custom_ids on disk, for builds with more ids than UniqueIds keeps in memory.
 * Each record (fingerprint + the id's registration ordinal, 12 bytes) goes to one of PARTS files
 * by the fingerprint's top bits, so that finish() can check one partition at a time: memory stays
 * at a few MB however many ids there are (10M ids: 120 MB on disk, ~4 MB in memory).
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { IdSet } from './id-set.js';

const PART_BITS = 6;
const PARTS = 1 << PART_BITS;
/** records buffered per partition before a write: 64 × 12 KiB in memory */
const BUFFERED = 1024;

export class IdSpill {
  private readonly bufs: Uint32Array[] = [];
  private readonly used = new Uint32Array(PARTS);
  private count = 0;

  private made = false;

  constructor(private readonly dir: string) {
    for (let p = 0; p < PARTS; p++) this.bufs.push(new Uint32Array(BUFFERED * 3));
  }

  /** ids spilled so far */
  get size(): number {
    return this.count;
  }

  add(h1: number, h2: number, ordinal: number): void {
    const p = h1 >>> (32 - PART_BITS);
    const buf = this.bufs[p]!;
    let at = this.used[p]! * 3;
    buf[at++] = h1;
    buf[at++] = h2;
    buf[at] = ordinal;
    if (++this.used[p]! === BUFFERED) this.flush(p);
    this.count++;
  }

  /**
   * The ordinals of the ids whose fingerprint was spilled before (the first one spilled is kept),
   * ascending. Removes the files.
   */
  finish(): Uint32Array {
    const late: number[] = [];
    // one table and one read buffer for every partition: fresh ones per partition would be
    // garbage that a GC frees only later (~3 MB a partition at 10M ids)
    const seen = new IdSet();
    let recs = new Uint32Array(0);
    try {
      for (let p = 0; p < PARTS; p++) {
        this.flush(p);
        const file = this.file(p);
        if (!existsSync(file)) continue;
        const fd = openSync(file, 'r');
        try {
          const n = fstatSync(fd).size / 4;
          if (recs.length < n) recs = new Uint32Array(Math.ceil(n * 1.25));
          const bytes = new Uint8Array(recs.buffer, 0, n * 4);
          for (let off = 0; off < bytes.length; ) off += readSync(fd, bytes, off, bytes.length - off, off);
          // records are in registration order, so the first of equal fingerprints is the one kept
          seen.clear(n / 3);
          for (let i = 0; i < n; i += 3) if (!seen.insert(recs[i]!, recs[i + 1]!)) late.push(recs[i + 2]!);
        } finally {
          closeSync(fd);
        }
      }
    } finally {
      this.dispose();
    }
    return Uint32Array.from(late).sort();
  }

  /** Removes the files (finish does it too). */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(p: number): void {
    const n = this.used[p]!;
    if (n === 0) return;
    const buf = this.bufs[p]!;
    if (!this.made) mkdirSync(this.dir, { recursive: true });
    this.made = true;
    // opened per write (every 12 KiB): a build that stops early holds no descriptors
    appendFileSync(this.file(p), new Uint8Array(buf.buffer, 0, n * 12));
    this.used[p] = 0;
  }

  private file(p: number): string {
    return path.join(this.dir, `ids-${String(p).padStart(2, '0')}.bin`);
  }
}
