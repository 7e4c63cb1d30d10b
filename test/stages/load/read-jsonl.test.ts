import { describe, expect, it } from 'vitest';
import { collect, plain as plainRows, sourceFile } from './helpers.js';

const plain = (rows: Parameters<typeof plainRows>[0]) => plainRows(rows, { hints: false });

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected invalid JSON');
}

describe('reading JSONL files', () => {
  it('reads one object per line, keeping types, line numbers and skipping blank lines', async () => {
    const file = sourceFile('rows.jsonl', '\ufeff{"id":1,"tags":["a"]}\r\n\r\n   \n{"id":"2","n":null}\n\t\n{"id":3}', 'jsonl');
    expect(plain(await collect([file]))).toEqual([
      { line: 1, index: 0, data: { id: 1, tags: ['a'] } },
      { line: 4, index: 1, data: { id: '2', n: null } },
      { line: 6, index: 2, data: { id: 3 } },
    ]);
  });

  it('turns a line that is not JSON into a faulty row with JSON.parse’s reason', async () => {
    const file = sourceFile('bad.jsonl', '{"ok":1}\n{"id": 2,}\n{"ok":3}\n', 'jsonl');
    expect(plain(await collect([file]))).toEqual([
      { line: 1, index: 0, data: { ok: 1 } },
      { line: 2, index: 1, fault: `data/bad.jsonl:2: malformed row: ${parseError('{"id": 2,}')}`, raw: '{"id": 2,}' },
      { line: 3, index: 2, data: { ok: 3 } },
    ]);
  });

  it('turns arrays, numbers, strings and null into not-an-object faults', async () => {
    const file = sourceFile('values.jsonl', '[1,2]\n42\n"text"\nnull\ntrue\n', 'jsonl');
    expect(plain(await collect([file]))).toEqual([
      { line: 1, index: 0, fault: 'data/values.jsonl:1: row is an array, not a JSON object', raw: '[1,2]' },
      { line: 2, index: 1, fault: 'data/values.jsonl:2: row is a number, not a JSON object', raw: '42' },
      { line: 3, index: 2, fault: 'data/values.jsonl:3: row is a string, not a JSON object', raw: '"text"' },
      { line: 4, index: 3, fault: 'data/values.jsonl:4: row is null, not a JSON object', raw: 'null' },
      { line: 5, index: 4, fault: 'data/values.jsonl:5: row is a boolean, not a JSON object', raw: 'true' },
    ]);
    const rows = await collect([file]);
    expect(rows[0]!.fault!.code).toBe('source-row-not-object');
    expect(rows[0]!.fault!.hint).toBe('every JSONL line (or JSON array item) must be an object of named fields');
  });

  it('reads lines split across reads, long lines included', async () => {
    const long = 'é'.repeat(5000);
    const file = sourceFile('split.jsonl', `{"a":"${long}"}\r\n{"b":"中"}\n`, 'jsonl');
    for (const readBytes of [1, 7, 64, 4096]) {
      expect(plain(await collect([file], { readBytes }))).toEqual([
        { line: 1, index: 0, data: { a: long } },
        { line: 2, index: 1, data: { b: '中' } },
      ]);
    }
  });

  it('decodes invalid UTF-8 with U+FFFD', async () => {
    const file = sourceFile('utf8.jsonl', Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xff]), Buffer.from('"}\n')]), 'jsonl');
    expect(plain(await collect([file]))).toEqual([{ line: 1, index: 0, data: { a: 'x\ufffd' } }]);
  });
});
