/**
 * JSONL/NDJSON files as rows, one object per line, read line by line (never the whole file).
 * Blank lines are skipped; CRLF is fine; a line that is not JSON or not an object is a faulty row,
 * and so is a number too large for a double. Integers beyond 2^53 keep their digits (exact-number.ts).
 */
import { readTextChunks } from './read-text.js';
import { NumberOverflow, parseJson } from './exact-number.js';
import { isJsonObject, malformedRow, notObjectRow, overflowRow } from './row-fault.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { SourceFile, TextSource } from './source-file.js';

export async function* readJsonl(
  file: SourceFile,
  out: RowBatcher,
  readBytes?: number,
  source: TextSource = readTextChunks,
  /** the line the text starts on (a part of the file) */
  firstLine = 1,
): AsyncGenerator<Row[]> {
  const name = file.display;
  let line = firstLine;
  // the start of a line not yet ended, in pieces so that a very long line is joined once
  const partial: string[] = [];

  const take = (text: string): void => {
    const end = text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
    const body = end === text.length ? text : text.slice(0, end);
    if (!isBlank(body)) {
      let value: unknown;
      try {
        value = parseJson(body);
      } catch (err) {
        out.add(err instanceof NumberOverflow ? overflowRow(name, line, out.index++, err.token, body) : malformedRow(name, line, out.index++, (err as Error).message, body));
        return;
      }
      if (isJsonObject(value)) out.add({ data: value, origin: { file: name, line }, index: out.index++ });
      else out.add(notObjectRow(name, line, out.index++, value, body));
    }
  };

  for await (const chunk of source(file, readBytes)) {
    let pos = 0;
    let nl = chunk.indexOf('\n');
    if (nl === -1) {
      partial.push(chunk);
      continue;
    }
    if (partial.length > 0) {
      partial.push(chunk.slice(0, nl));
      take(partial.join(''));
      partial.length = 0;
      line++;
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    while (nl !== -1) {
      take(chunk.slice(pos, nl));
      line++;
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    if (pos < chunk.length) partial.push(chunk.slice(pos));
    yield* out.full();
  }
  if (partial.length > 0) take(partial.join(''));
  yield* out.full();
}

/** a line that is no row: empty or only whitespace (after its CR is cut) */
export function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // only lines starting with whitespace can be blank; objects start with `{`
  return (c === 32 || c === 9 || c === 13) && s.trim().length === 0;
}
