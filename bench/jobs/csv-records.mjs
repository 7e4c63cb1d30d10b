// The hand-rolled RFC 4180 parser of the hand-written Node contenders (measured faster than csv-parse on this data,
// see bench/README.md), shared by bench/baseline.mjs and bench/jobs/node-jobs.mjs.
const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;

/**
 * Parses whole RFC 4180 records from s, calling onRecord(fields) for each, and returns how many characters it
 * consumed; the caller keeps the rest for the next chunk. With final, the text is complete and nothing is left.
 */
export function parseRecords(s, final, onRecord) {
  const n = s.length;
  let pos = 0;
  records: while (pos < n) {
    const start = pos;
    const fields = [];
    for (;;) {
      let value;
      if (s.charCodeAt(pos) === QUOTE) {
        value = '';
        let from = pos + 1;
        for (;;) {
          const q = s.indexOf('"', from);
          // An unclosed quote, or a quote at the very end (it might be the first half of ""), needs more text.
          if (q === -1 || (q === n - 1 && !final)) {
            if (final) throw new Error(`unclosed quote in the record starting at character ${start}`);
            return start;
          }
          if (s.charCodeAt(q + 1) === QUOTE) {
            value += s.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += s.slice(from, q);
          pos = q + 1;
          break;
        }
      } else {
        let i = pos;
        for (let c; i < n && (c = s.charCodeAt(i)) !== COMMA && c !== LF && c !== CR; i++);
        if (i === n && !final) return start;
        value = s.slice(pos, i);
        pos = i;
      }
      fields.push(value);
      if (pos >= n) {
        if (!final) return start;
        onRecord(fields);
        return n;
      }
      const c = s.charCodeAt(pos);
      if (c === COMMA) { pos++; continue; }
      if (c === CR && pos + 1 < n && s.charCodeAt(pos + 1) === LF) pos++;
      else if (c === CR && !final && pos + 1 === n) return start;
      if (s.charCodeAt(pos) === LF || c === CR) {
        pos++;
        onRecord(fields);
        continue records;
      }
      throw new Error(`unexpected character after a quoted field at character ${pos}`);
    }
  }
  return pos;
}
