/**
 * CSV/TSV files as rows: the first record names the fields, every value stays a string, and a
 * record with the wrong number of fields or an unclosed quote becomes a faulty row (not a throw).
 * A bad header (empty or repeated name) is a config problem: nothing in the file can be read.
 */
import { BatchforgeError, E, problem } from '../../errors/index.js';
import { CsvParser, type CsvSink } from './csv-parser.js';
import { readTextChunks } from './read-text.js';
import { malformedRow } from './row-fault.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { SourceFile, TextSource } from './source-file.js';

export async function* readCsv(
  file: SourceFile,
  delimiter: string,
  out: RowBatcher,
  readBytes?: number,
  source: TextSource = readTextChunks,
): AsyncGenerator<Row[]> {
  const rows = new CsvRows(file.display, out);
  const parser = new CsvParser(delimiter, rows);
  for await (const text of source(file, readBytes)) {
    parser.push(text);
    yield* out.full();
  }
  parser.end();
  yield* out.full();
}

class CsvRows implements CsvSink {
  private header: string[] | undefined;
  private build: ((fields: string[]) => Record<string, string>) | undefined;

  constructor(
    private readonly file: string,
    private readonly out: RowBatcher,
  ) {}

  record(fields: string[], line: number, text: string, start: number, end: number): void {
    const header = this.header;
    if (header === undefined) {
      checkHeader(fields, this.file, line);
      this.header = fields;
      this.build = objectBuilder(fields);
      return;
    }
    const out = this.out;
    if (fields.length !== header.length) {
      const detail = `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, header has ${header.length}`;
      out.add(malformedRow(this.file, line, out.index++, detail, text.slice(start, end)));
      return;
    }
    out.add({ data: this.build!(fields), origin: { file: this.file, line }, index: out.index++ });
  }

  unclosed(recordLine: number, quoteLine: number, raw: string): void {
    const detail = `quoted field opened at line ${quoteLine} is never closed`;
    this.out.add(malformedRow(this.file, recordLine, this.out.index++, detail, raw));
  }
}

function checkHeader(names: string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let detail: string | undefined;
    if (name === '') detail = `column ${i + 1} has no name`;
    else if (seen.has(name)) detail = `column name ${JSON.stringify(name)} is used twice (columns ${seen.get(name)! + 1} and ${i + 1})`;
    if (detail) throw new BatchforgeError(problem(E.SourceHeaderInvalid, { detail }, { file, line }));
    seen.set(name, i);
  }
}

/**
 * Objects for one header. An object literal compiled once per header builds rows about eight
 * times faster than assigning keys in a loop (one hidden class, no transitions); the keys are
 * JSON string literals, so any header text is safe. `__proto__` as a column name must become an
 * own property, which neither a literal key nor assignment does, so that header takes the slow path.
 */
function objectBuilder(names: string[]): (fields: string[]) => Record<string, string> {
  if (names.includes('__proto__')) {
    return (fields) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) {
        Object.defineProperty(o, names[i]!, { value: fields[i]!, enumerable: true, writable: true, configurable: true });
      }
      return o;
    };
  }
  const body = names.map((name, i) => `${JSON.stringify(name)}: f[${i}]`).join(',\n');
  return new Function('f', `return {\n${body}\n};`) as (fields: string[]) => Record<string, string>;
}
