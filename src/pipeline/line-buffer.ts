/**
 * Accepted lines as UTF-8, one after the other, each with its newline: what a build writes. A
 * request is drafted straight into the buffer (outcomes.ts `draft` with `into`, RequestPlan.renderInto)
 * when it fits, so no joined line string is made, measured and encoded again; a line that did not
 * fit comes as a string and is encoded here. The one-thread build stream and a worker thread's part
 * both keep their lines this way.
 */
import type { Draft } from './outcomes.js';

/** free bytes kept before a line is drafted into the buffer (a longer line comes as a string) */
const ROOM = 64 * 1024;

export class LineBuffer {
  used = 0;

  constructor(public buf: Buffer) {}

  /** where the next line is drafted: the buffer, with ROOM bytes free from `at` */
  target(): { buf: Buffer; at: number } {
    if (this.buf.length - this.used < ROOM) this.grow(ROOM);
    return { buf: this.buf, at: this.used };
  }

  /** Keeps an accepted draft's line (drafted into target(), or as a string); returns where it starts. */
  keep(d: Extract<Draft, { line: string }>): number {
    const at = this.used;
    if (d.end === undefined) {
      if (this.used + d.bytes > this.buf.length) this.grow(d.bytes);
      this.used += this.buf.write(d.line, this.used);
    } else {
      if (d.end >= this.buf.length) this.grow(1, d.end);
      this.used = d.end;
    }
    this.buf[this.used++] = 0x0a;
    return at;
  }

  /** starts over (the lines were written out) */
  clear(): void {
    this.used = 0;
  }

  /** room for `bytes` more after `kept` (default: what is used), the bytes before it kept */
  private grow(bytes: number, kept = this.used): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, kept + bytes));
    this.buf.copy(bigger, 0, 0, kept);
    this.buf = bigger;
  }
}
