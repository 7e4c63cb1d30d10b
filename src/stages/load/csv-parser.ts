/**
 * The fast path for the default CSV dialect: csv-parse's reading of a file with one delimiter
 * character, `"` as quote and escape, the record delimiter auto-detected and empty lines skipped,
 * without csv-parse's per-byte loop (about ten times faster). Any other option goes to csv-parse
 * itself (csv-parse-parser.ts); test/stages/load/csv-fast-path.test.ts proves the two identical
 * on random and malformed text: the same values, the same faults, the same lines.
 *
 * csv-parse's rules, as this parser applies them:
 * - The record delimiter is the first LF, CRLF or CR met outside quotes; from then on only that
 *   sequence ends a record (a CR in an LF file is data, and so on).
 * - A field that starts with `"` is quoted; inside, `""` is one quote, and the closing quote
 *   must be followed by the delimiter, the record delimiter or the end of the input.
 * - Faults (csv-parse's strict errors): a closing quote followed by anything else
 *   (`quote-closes-early`), a quote inside an unquoted field (`quote-in-field`), a quote never
 *   closed (`quote-not-closed`). A faulty record is reported with the line it starts on, and
 *   reading resumes at the start of the next line: a stray quote costs its own line, not the file.
 *
 * Lines are counted as editors count them: LF, CRLF and a lone CR each end one (count-lines.ts).
 * Speed comes from never touching one character at a time: the next delimiter, record delimiter
 * and quote are found with indexOf and cached, so each part of the buffer is scanned once.
 */
import { countLineBreaks, nextLineStart } from './count-lines.js';
import type { CsvFaultKind } from './csv-fault.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface CsvSink {
  /** A complete record. `text.slice(start, end)` is its source text without the record delimiter. */
  record(fields: string[], line: number, text: string, start: number, end: number): void;
  /** A record that cannot be read without a guess; `column` is its 1-based field number. */
  fault(kind: CsvFaultKind, line: number, column: number, raw: string): void;
}

/** The same contract for both parsers: text in chunks, then end(). */
export interface CsvRecordParser {
  push(chunk: string): void;
  end(): void;
}

/**
 * countLineBreaks(s, first, to) for a span that holds no CR, `first` being its first LF (or -1):
 * the LFs found with indexOf, not one character at a time (records with a quoted line break)
 */
function lfs(s: string, first: number, to: number): number {
  let n = 0;
  for (let i = first; i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export class CsvParser implements CsvRecordParser {
  /** text not yet consumed: the beginning of an incomplete record */
  private pending = '';
  /** 1-based line number of pending[0] */
  private line = 1;
  /** do not re-scan an incomplete record before pending is this long (keeps huge fields linear) */
  private retryAt = 0;
  private done = false;
  /** the record delimiter, '' until the first one is met */
  private rd: '' | '\n' | '\r\n' | '\r' = '';
  private readonly delimCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly sink: CsvSink,
    /** the record delimiter when already known (a part of a file after its header), instead of detecting it */
    recordDelimiter?: '\n' | '\r\n',
  ) {
    if (recordDelimiter !== undefined) this.rd = recordDelimiter;
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new RangeError(`the fast CSV path takes one delimiter character, not ${JSON.stringify(delimiter)}`);
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

  /**
   * Length of the record delimiter at `p` (0: none), detecting it on first sight; -1 when the
   * text ends too early to tell.
   */
  private rdAt(s: string, p: number, final: boolean): number {
    const rd = this.rd;
    const c = s.charCodeAt(p);
    if (rd === '\n') return c === LF ? 1 : 0;
    if (rd === '\r') {
      if (c !== CR) return 0;
      // the LF of a CRLF in a CR file is data, but counting lines needs to see it
      return p + 1 >= s.length && !final ? -1 : 1;
    }
    if (rd === '\r\n') {
      if (c !== CR) return 0;
      if (p + 1 >= s.length) return final ? 0 : -1;
      return s.charCodeAt(p + 1) === LF ? 2 : 0;
    }
    if (c === LF) {
      this.rd = '\n';
      return 1;
    }
    if (c !== CR) return 0;
    if (p + 1 >= s.length && !final) return -1;
    this.rd = s.charCodeAt(p + 1) === LF ? '\r\n' : '\r';
    return this.rd.length;
  }

  /** Emits every complete record in `s`; returns where the first incomplete record starts. */
  private scan(s: string, final: boolean): number {
    const len = s.length;
    const delim = this.delimiter;
    const dc = this.delimCode;
    const sink = this.sink;
    let pos = 0;
    let line = this.line;
    // cached next delimiter / quote / CR / record delimiter at or after pos (-1: none in s)
    let dl = s.indexOf(delim);
    let qt = s.indexOf('"');
    // next LF / CR: a record without either before its end has only its own line end to count
    let nl = s.indexOf('\n');
    let cr = s.indexOf('\r');
    let brk = -1;
    let brkFor = '';

    record: while (pos < len) {
      const recStart = pos;
      const recLine = line;
      // most records start with neither CR nor LF: no empty line to look at
      const c0 = s.charCodeAt(pos);
      const first = c0 === LF || c0 === CR ? this.rdAt(s, pos, final) : 0;
      if (first === -1) break;
      if (first > 0) {
        // an empty line (in a CR file, the LF of a CRLF is data: the line ends there)
        line += countLineBreaks(s, pos, pos + first);
        pos += first;
        continue;
      }
      const fields: string[] = [];
      const rd = this.rd;
      if (rd === '\n' || rd === '\r\n') {
        // In an LF or CRLF file the fields before the record's first quote and its record
        // delimiter are the text between delimiters, as the loop below would find them one at a
        // time; most records hold no quote at all and end here. (Without this, 1M rows of
        // bench/parsers/ data took 1.48x the time of e15e8f7's parser: bench/parsers/README.md.)
        if (brkFor !== rd || (brk !== -1 && brk < pos)) {
          brkFor = rd;
          brk = s.indexOf(rd, pos);
        }
        if (brk !== -1) {
          if (qt !== -1 && qt < pos) qt = s.indexOf('"', pos);
          const plain = qt === -1 || qt > brk ? brk : qt;
          if (dl !== -1 && dl < pos) dl = s.indexOf(delim, pos);
          while (dl !== -1 && dl < plain) {
            fields.push(s.slice(pos, dl));
            pos = dl + 1;
            dl = s.indexOf(delim, pos);
          }
          if (plain === brk) {
            if (cr !== -1 && cr < recStart) cr = s.indexOf('\r', recStart);
            if (rd === '\n') nl = brk;
            else if (nl !== -1 && nl < recStart) nl = s.indexOf('\n', recStart);
            // no other line break in the record: it is one line (else the loop below counts them)
            if ((cr === -1 || cr >= brk) && nl === brk + rd.length - 1) {
              fields.push(s.slice(pos, brk));
              sink.record(fields, recLine, s, recStart, brk);
              pos = brk + rd.length;
              line = recLine + 1;
              continue;
            }
          }
        }
      }
      let quoted = false;
      for (;;) {
        // pos: the start of a field (may be len)
        if (pos < len && s.charCodeAt(pos) === QUOTE) {
          quoted = true;
          let from = pos + 1;
          let seg = from;
          let value = '';
          for (;;) {
            const q = s.indexOf('"', from);
            if (q === -1) {
              if (!final) return this.wait(recStart, recLine);
              pos = this.fault(s, recStart, recLine, fields.length + 1, 'quote-not-closed', final);
              line = recLine + 1;
              [dl, qt, nl, cr, brkFor] = this.restart(s, pos);
              continue record;
            }
            if (q + 1 >= len) {
              if (!final) return this.wait(recStart, recLine);
              fields.push(value + s.slice(seg, q));
              sink.record(fields, recLine, s, recStart, len);
              line = recLine + countLineBreaks(s, recStart, len);
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
            const r = this.rdAt(s, q + 1, final);
            if (r === -1) return this.wait(recStart, recLine);
            if (r > 0) {
              fields.push(value + s.slice(seg, q));
              sink.record(fields, recLine, s, recStart, q + 1);
              pos = q + 1 + r;
              if (nl !== -1 && nl < recStart) nl = s.indexOf('\n', recStart);
              if (cr !== -1 && cr < recStart) cr = s.indexOf('\r', recStart);
              line = recLine + ((nl === -1 || nl > q) && (cr === -1 || cr > q) ? this.ownBreak(s, q + 1, r) : cr === -1 || cr >= pos ? lfs(s, nl, pos) : countLineBreaks(s, recStart, pos));
              continue record;
            }
            const next = this.fault(s, recStart, recLine, fields.length + 1, 'quote-closes-early', final);
            if (next === -1) return this.wait(recStart, recLine);
            pos = next;
            line = recLine + 1;
            [dl, qt, nl, cr, brkFor] = this.restart(s, pos);
            continue record;
          }
          continue;
        }
        // an unquoted field: up to the next delimiter, record delimiter or the end
        if (dl !== -1 && dl < pos) dl = s.indexOf(delim, pos);
        let end: number;
        /** what ends the field: 0 the delimiter, > 0 a record delimiter of that length, -1 the end of the text, -2 a line break not yet taken as the record delimiter */
        let stop: number;
        if (this.rd === '') {
          const b = this.firstBreak(s, pos, dl, final);
          if (b === -1) return this.wait(recStart, recLine);
          if (b >= 0) {
            // detected below, once the field is known to be readable (csv-parse stops at the quote first)
            end = b;
            stop = -2;
          } else if (dl !== -1) {
            end = dl;
            stop = 0;
          } else {
            if (!final) return this.wait(recStart, recLine);
            end = len;
            stop = -1;
          }
        } else {
          const rd = this.rd;
          if (brkFor !== rd || (brk !== -1 && brk < pos)) {
            brkFor = rd;
            brk = s.indexOf(rd, pos);
          }
          if (dl !== -1 && (brk === -1 || dl < brk)) {
            end = dl;
            stop = 0;
          } else if (brk !== -1) {
            end = brk;
            // a CR file: a CR at the end of the text waits, whether an LF follows decides the line count
            stop = rd === '\r' ? this.rdAt(s, brk, final) : rd.length;
            if (stop === -1) return this.wait(recStart, recLine);
          } else {
            // at the very end, a CR that might have begun a CRLF is data
            if (!final) return this.wait(recStart, recLine);
            end = len;
            stop = -1;
          }
        }
        if (qt !== -1 && qt < pos) qt = s.indexOf('"', pos);
        if (qt !== -1 && qt < end) {
          const next = this.fault(s, recStart, recLine, fields.length + 1, 'quote-in-field', final);
          if (next === -1) return this.wait(recStart, recLine);
          pos = next;
          line = recLine + 1;
          [dl, qt, nl, cr, brkFor] = this.restart(s, pos);
          continue record;
        }
        if (stop === -2) stop = this.rdAt(s, end, final);
        fields.push(s.slice(pos, end));
        if (stop === 0) {
          pos = end + 1;
          continue;
        }
        sink.record(fields, recLine, s, recStart, end);
        pos = stop > 0 ? end + stop : len;
        // an LF file's record without quotes has no LF but its own (found as brk)
        if (!quoted && stop > 0 && brkFor === '\n') nl = end;
        else if (nl !== -1 && nl < recStart) nl = s.indexOf('\n', recStart);
        if (cr !== -1 && cr < recStart) cr = s.indexOf('\r', recStart);
        line = recLine + ((nl === -1 || nl >= end) && (cr === -1 || cr >= end) ? (stop > 0 ? this.ownBreak(s, end, stop) : 0) : countLineBreaks(s, recStart, pos));
        continue record;
      }
    }
    this.line = line;
    return pos;
  }

  /** The cached positions after resuming at `pos`: resuming goes back to text already scanned. */
  private restart(s: string, pos: number): [number, number, number, number, string] {
    return [s.indexOf(this.delimiter, pos), s.indexOf('"', pos), s.indexOf('\n', pos), s.indexOf('\r', pos), ''];
  }

  /** Line breaks in the record delimiter of length `r` at `at` (what countLineBreaks would count there). */
  private ownBreak(s: string, at: number, r: number): number {
    // in a CR file, a CR followed by LF is counted at the LF (which the next record holds)
    return r === 1 && s.charCodeAt(at) === CR && s.charCodeAt(at + 1) === LF ? 0 : 1;
  }

  /** The record at `start` needs more text: keep it for the next push. */
  private wait(start: number, line: number): number {
    this.line = line;
    return start;
  }

  /** Reports a record that cannot be read; returns where reading resumes (the next line), -1 to wait for more text. */
  private fault(s: string, recStart: number, recLine: number, column: number, kind: CsvFaultKind, final: boolean): number {
    const next = nextLineStart(s, recStart, final);
    if (next === -1) return -1;
    let end = next;
    while (end > recStart && (s.charCodeAt(end - 1) === LF || s.charCodeAt(end - 1) === CR)) end--;
    this.sink.fault(kind, recLine, column, s.slice(recStart, end));
    return next;
  }

  /**
   * Before the record delimiter is known: the first CR or LF at or after `pos` when it comes
   * before the delimiter at `dl`; -2 when there is none before it, -1 when the text ends too early.
   */
  private firstBreak(s: string, pos: number, dl: number, final: boolean): number {
    const limit = dl === -1 ? s.length : dl;
    for (let i = pos; i < limit; i++) {
      const c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === CR && i + 1 >= s.length && !final) return -1;
        return i;
      }
    }
    return -2;
  }
}
