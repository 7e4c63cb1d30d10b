/**
 * A .json file holding one array of objects. JSON has no streaming boundary short of a full
 * parser, so the file is read whole (large inputs belong in JSONL). Each item still gets the line
 * where it starts: after JSON.parse has vouched for the text, a small scanner finds where every
 * top-level item begins. Text that is not JSON, or a top level that is not an array, is a config
 * problem; items that are not objects are faulty rows.
 */
import { BatchforgeError, E, problem } from '../../errors/index.js';
import { NumberOverflow, parseJson } from './exact-number.js';
import { readTextChunks } from './read-text.js';
import { describeJson, isJsonObject, notObjectRow } from './row-fault.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { SourceFile, TextSource } from './source-file.js';

export async function* readJson(file: SourceFile, out: RowBatcher, source: TextSource = readTextChunks): AsyncGenerator<Row[]> {
  const name = file.display;
  // the whole text, decoded as every source is (encoding, BOM, invalid bytes: read-text.ts)
  const parts: string[] = [];
  for await (const part of source(file)) parts.push(part);
  const text = parts.join('');
  let items: unknown;
  try {
    items = parseJson(text);
  } catch (err) {
    if (err instanceof NumberOverflow) {
      const at = text.indexOf(err.token);
      const line = at === -1 ? undefined : text.slice(0, at).split('\n').length;
      throw new BatchforgeError(problem(E.SourceNumberOverflow, { number: err.token }, { file: name, ...(line !== undefined && { line }) }));
    }
    throw new BatchforgeError(problem(E.SourceJsonInvalid, { detail: (err as Error).message }, { file: name }));
  }
  if (!Array.isArray(items)) {
    throw new BatchforgeError(problem(E.SourceJsonNotArray, { got: describeJson(items) }, { file: name }));
  }
  const spans = itemSpans(text);
  let line = 1;
  let counted = 0;
  for (let i = 0; i < items.length; i++) {
    const [start, end] = spans[i]!;
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) line++;
    counted = start;
    const item: unknown = items[i];
    if (isJsonObject(item)) out.add({ data: item, origin: { file: name, line }, index: out.index++ });
    else out.add(notObjectRow(name, line, out.index++, item, text.slice(start, end)));
    if (i % 1024 === 1023) yield* out.full();
  }
  yield* out.full();
}

/** [start, end) of each item of the top-level array in `text`, which must be valid JSON. */
function itemSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = text.indexOf('[') + 1;
  let depth = 0;
  let start = -1;
  let lastValue = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 0 && (c === 44 /* , */ || c === 93) /* ] */) {
      if (start !== -1) spans.push([start, lastValue + 1]);
      start = -1;
      if (c === 93) break;
      continue;
    }
    if (start === -1) start = i;
    if (c === 34 /* " */) {
      for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) depth--;
    lastValue = i;
  }
  return spans;
}
