/**
 * The CSV/TSV state machine. It knows nothing about files or rows: it takes decoded text in
 * chunks (`push`, then `end`) and hands complete records to a sink, so it can be tested on
 * strings split at every possible point.
 *
 * What it accepts (RFC 4180 plus the leniency of common parsers):
 * - Records end at LF or CRLF. A lone CR is data (kept in the field); a CR right before the end
 *   of input ends the record like CRLF would.
 * - Empty lines (outside quotes) are skipped. A line with only `""` is a record with one empty field.
 * - A field that starts with `"` is quoted: it may hold delimiters, CR, LF and CRLF (kept as they
 *   are) and `""` for one quote. It ends at a quote followed by the delimiter, LF, CRLF or the end.
 * - A `"` anywhere in an unquoted field is a literal character (`5" screen`).
 * - A quote inside a quoted field followed by anything else (`"abc"def,`) turns the field literal,
 *   as csv-parse's `relax_quotes` does: the value is the text so far with its quotes (`""` already
 *   read as one quote) followed by the rest up to the next delimiter or line end (`"abc"def`).
 * - A quoted field still open at the end of the input is reported once and ends the input.
 *
 * Speed comes from never touching one character at a time in unquoted text: the next delimiter
 * and the next LF are found with indexOf and cached, so each part of the buffer is scanned once.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface CsvSink {
  /** A complete record. `text.slice(start, end)` is its source text without the line ending. */
  record(fields: string[], line: number, text: string, start: number, end: number): void;
  /** A quoted field opened at `quoteLine` is never closed; `raw` is the rest of the input. */
  unclosed(recordLine: number, quoteLine: number, raw: string): void;
}

export class CsvParser {
  /** text not yet consumed: the beginning of an incomplete record */
  private pending = '';
  /** 1-based line number of pending[0] */
  private line = 1;
  /** do not re-scan an incomplete record before pending is this long (keeps huge fields linear) */
  private retryAt = 0;
  private done = false;
  private readonly delimCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly sink: CsvSink,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new RangeError(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimCode = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    if (this.done || chunk.length === 0) return;
    this.pending = this.pending.length === 0 ? chunk : this.pending + chunk;
    if (this.pending.length >= this.retryAt) this.consume(false);
  }

  end(): void {
    if (this.done) return;
    this.consume(true);
    this.done = true;
  }

  private consume(final: boolean): void {
    const s = this.pending;
    const stop = this.scan(s, final);
    if (stop >= s.length) {
      this.pending = '';
      this.retryAt = 0;
    } else {
      this.pending = s.slice(stop);
      this.retryAt = 2 * this.pending.length;
    }
  }

  /** Emits every complete record in `s`; returns where the first incomplete record starts. */
  private scan(s: string, final: boolean): number {
    const len = s.length;
    const delim = this.delimiter;
    const dc = this.delimCode;
    const sink = this.sink;
    let pos = 0;
    let line = this.line;
    // next LF / delimiter at or after the current position (-1: none left in s); refreshed lazily
    let nl = s.indexOf('\n');
    let dl = s.indexOf(delim);

    record: while (pos < len) {
      const recStart = pos;
      const recLine = line;
      const c0 = s.charCodeAt(pos);
      if (c0 === LF) {
        pos++;
        line++;
        continue;
      }
      if (c0 === CR) {
        if (pos + 1 >= len) {
          if (!final) break;
          pos++;
          continue;
        }
        if (s.charCodeAt(pos + 1) === LF) {
          pos += 2;
          line++;
          continue;
        }
      }
      const fields: string[] = [];
      for (;;) {
        // pos: start of a field (may be len)
        let prefix = '';
        if (pos < len && s.charCodeAt(pos) === QUOTE) {
          const quoteLine = line;
          if (nl !== -1 && nl < pos) nl = s.indexOf('\n', pos);
          let from = pos + 1;
          let seg = from;
          let value = '';
          let relaxed = false;
          for (;;) {
            const q = s.indexOf('"', from);
            if (q === -1) {
              if (!final) {
                pos = recStart;
                line = recLine;
                break record;
              }
              sink.unclosed(recLine, quoteLine, s.slice(recStart));
              this.line = line;
              return len;
            }
            // line numbers count the LFs inside quoted fields
            while (nl !== -1 && nl < q) {
              line++;
              nl = s.indexOf('\n', nl + 1);
            }
            if (q + 1 >= len) {
              if (!final) {
                pos = recStart;
                line = recLine;
                break record;
              }
              fields.push(value + s.slice(seg, q));
              sink.record(fields, recLine, s, recStart, len);
              pos = len;
              continue record;
            }
            const n = s.charCodeAt(q + 1);
            if (n === QUOTE) {
              value += s.slice(seg, q + 1);
              seg = from = q + 2;
              continue;
            }
            if (n === dc) {
              fields.push(value + s.slice(seg, q));
              pos = q + 2;
              break;
            }
            if (n === LF) {
              fields.push(value + s.slice(seg, q));
              sink.record(fields, recLine, s, recStart, q + 1);
              pos = q + 2;
              line++;
              nl = s.indexOf('\n', pos);
              continue record;
            }
            if (n === CR) {
              if (q + 2 >= len) {
                if (!final) {
                  pos = recStart;
                  line = recLine;
                  break record;
                }
                fields.push(value + s.slice(seg, q));
                sink.record(fields, recLine, s, recStart, q + 1);
                pos = len;
                continue record;
              }
              if (s.charCodeAt(q + 2) === LF) {
                fields.push(value + s.slice(seg, q));
                sink.record(fields, recLine, s, recStart, q + 1);
                pos = q + 3;
                line++;
                nl = s.indexOf('\n', pos);
                continue record;
              }
            }
            // a stray quote: the field is taken literally from its opening quote on
            prefix = '"' + value + s.slice(seg, q + 1);
            pos = q + 1;
            relaxed = true;
            break;
          }
          if (!relaxed) continue;
        }
        // unquoted text (or the rest of a relaxed field): up to the next delimiter or line end
        if (dl !== -1 && dl < pos) dl = s.indexOf(delim, pos);
        if (nl !== -1 && nl < pos) nl = s.indexOf('\n', pos);
        if (dl !== -1 && (nl === -1 || dl < nl)) {
          fields.push(prefix + s.slice(pos, dl));
          pos = dl + 1;
          continue;
        }
        if (nl === -1) {
          if (!final) {
            pos = recStart;
            line = recLine;
            break record;
          }
          let e = len;
          if (e > pos && s.charCodeAt(e - 1) === CR) e--;
          fields.push(prefix + s.slice(pos, e));
          sink.record(fields, recLine, s, recStart, e);
          pos = len;
          continue record;
        }
        let e = nl;
        if (e > pos && s.charCodeAt(e - 1) === CR) e--;
        fields.push(prefix + s.slice(pos, e));
        sink.record(fields, recLine, s, recStart, e);
        pos = nl + 1;
        line++;
        nl = s.indexOf('\n', pos);
        continue record;
      }
    }
    this.line = line;
    return pos;
  }
}
