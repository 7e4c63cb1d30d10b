import { describe, expect, it } from 'vitest';
import { readRows } from '../../../src/stages/load/index.js';
import { collect, plain, sourceFile, thrown } from './helpers.js';

const plainNoHints = (rows: Parameters<typeof plain>[0]) => plain(rows, { hints: false });

describe('reading JSON files', () => {
  it('reads an array of objects, each with the line where it starts', async () => {
    const text = '\ufeff[\n  {"id": 1, "s": "a,]}[{\\"\\\\"},\n  {\n    "id": 2,\n    "nested": [{"x": [1, {"y": "}"}]}]\n  },\r\n\r\n  {"id": 3}]\n';
    expect(plainNoHints(await collect([sourceFile('rows.json', text, 'json')]))).toEqual([
      { line: 2, index: 0, data: { id: 1, s: 'a,]}[{"\\' } },
      { line: 3, index: 1, data: { id: 2, nested: [{ x: [1, { y: '}' }] }] } },
      { line: 8, index: 2, data: { id: 3 } },
    ]);
  });

  it('reads items on one line and an empty array', async () => {
    expect(plainNoHints(await collect([sourceFile('one.json', '[{"a":1},{"a":2}]', 'json'), sourceFile('none.json', ' [ ] ', 'json')]))).toEqual([
      { line: 1, index: 0, data: { a: 1 } },
      { line: 1, index: 1, data: { a: 2 } },
    ]);
  });

  it('turns items that are not objects into faulty rows with their text', async () => {
    const text = '[\n{"ok": true},\n[1, 2],\n"s",\n  3.5 ,\nnull\n]';
    expect(plainNoHints(await collect([sourceFile('mixed.json', text, 'json')]))).toEqual([
      { line: 2, index: 0, data: { ok: true } },
      { line: 3, index: 1, fault: 'data/mixed.json:3: row is an array, not a JSON object', raw: '[1, 2]' },
      { line: 4, index: 2, fault: 'data/mixed.json:4: row is a string, not a JSON object', raw: '"s"' },
      { line: 5, index: 3, fault: 'data/mixed.json:5: row is a number, not a JSON object', raw: '3.5' },
      { line: 6, index: 4, fault: 'data/mixed.json:6: row is null, not a JSON object', raw: 'null' },
    ]);
  });

  it('refuses a top level that is not an array as a config problem', async () => {
    expect(await thrown(collect([sourceFile('obj.json', '{"rows": []}', 'json')]))).toBe(
      '[config] data/obj.json: top level is an object, not an array of objects\n  hint: wrap the rows in [ … ], or write one object per line as .jsonl',
    );
  });

  it('refuses text that is not JSON as a config problem with JSON.parse’s reason', async () => {
    let reason = '';
    try {
      JSON.parse('[{"a": 1},]');
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(await thrown(collect([sourceFile('bad.json', '[{"a": 1},]', 'json')]))).toBe(
      `[config] data/bad.json: not valid JSON: ${reason}\n  hint: a .json source is one array of objects; for large or line-by-line data use .jsonl`,
    );
  });

  it('numbers rows in arrays of chunkRows', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => `{"i":${i}}`).join(',\n');
    const sizes: number[] = [];
    let last = -1;
    for await (const chunk of readRows([sourceFile('many.json', `[\n${items}\n]`, 'json')], { chunkRows: 1000 })) {
      sizes.push(chunk.length);
      for (const row of chunk) {
        expect(row.index).toBe(last + 1);
        expect(row.origin.line).toBe(row.index + 2);
        expect(row.data).toEqual({ i: row.index });
        last = row.index;
      }
    }
    expect(sizes).toEqual([1000, 1000, 500]);
  });
});
