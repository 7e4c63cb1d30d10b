/**
 * source.from_line / to_line: the text of lines from..to of a stream of chunks, lines counted as
 * everywhere else in the loader (LF, CRLF, lone CR; count-lines.ts). The CSV reader numbers its
 * records from `from`, so origins stay the file's own line numbers.
 */
const LF = 10;
const CR = 13;

export class LineWindow {
  /** the line the next character is on */
  private line = 1;
  /** the last chunk ended with a CR: an LF first in the next one belongs to it */
  private afterCR = false;
  private done = false;

  constructor(
    private readonly from: number,
    private readonly to: number = Infinity,
  ) {}

  /** every line up to `to` has been passed on, its line end included */
  get finished(): boolean {
    return this.done && !this.afterCR;
  }

  /** the part of `chunk` inside the window ('' when none) */
  take(chunk: string): string {
    if (this.done) {
      // the window's last line ended with a CR at the end of a chunk: its LF, if any, comes now
      if (!this.afterCR) return '';
      this.afterCR = false;
      return chunk.charCodeAt(0) === LF ? '\n' : '';
    }
    let start = this.line >= this.from ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF) {
          // the LF of a CRLF split across chunks: text when its line is inside the window, skipped with it when not
          if (this.line - 1 < this.from && (start === i || (start === -1 && this.line >= this.from))) start = i + 1;
          continue;
        }
      }
      if (c !== LF && c !== CR) continue;
      if (c === CR) {
        if (i + 1 < chunk.length) {
          if (chunk.charCodeAt(i + 1) === LF) i++;
        } else {
          this.afterCR = true;
        }
      }
      // line `this.line` ends at i
      if (this.line === this.to && !this.afterCR) {
        this.done = true;
        return start === -1 ? '' : chunk.slice(start, i + 1);
      }
      if (this.line === this.to) {
        // its CR is last in the chunk: an LF may follow, and is part of the line end
        this.line++;
        this.done = true;
        return start === -1 ? '' : chunk.slice(start);
      }
      this.line++;
      if (start === -1 && this.line >= this.from) start = i + 1;
    }
    return start === -1 ? '' : start === 0 ? chunk : chunk.slice(start);
  }
}
