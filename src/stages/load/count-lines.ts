/**
 * Line numbers as editors show them: LF, CRLF and a lone CR each end a line, whatever the CSV
 * record delimiter is. Both CSV parsers number records with these functions (and the threaded read
 * its parts), so a row's origin is the same line on every path.
 */
const LF = 10;
const CR = 13;

/** line breaks in s[from, to); a CR whose LF lies at `to` is left to the span that holds the LF */
export function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** countLineBreaks for UTF-8 bytes, buf[from, to): the same rule, for readers that count before decoding */
export function countLineBreakBytes(buf: Buffer, from = 0, to = buf.length): number {
  const span = buf.subarray(from, to);
  let n = 0;
  for (let at = span.indexOf(LF); at !== -1; at = span.indexOf(LF, at + 1)) n++;
  for (let at = span.indexOf(CR); at !== -1; at = span.indexOf(CR, at + 1)) if (buf[from + at + 1] !== LF) n++;
  return n;
}

/**
 * Where the line after the one holding `from` starts; at the end of the text, its length.
 * -1 when more text could change the answer (no break yet, or a CR that may begin a CRLF).
 */
export function nextLineStart(s: string, from: number, final: boolean): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 < s.length) return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      return final ? i + 1 : -1;
    }
  }
  return final ? s.length : -1;
}
