import { describe, expect, it } from 'vitest';
import { ExactNumber, parseJson, stringifyJson } from '../../../src/stages/load/exact-number.js';
import { collect, plain, sourceFile, thrown } from './helpers.js';

describe('numbers in JSON and JSONL sources are read as written', () => {
  it('keeps an integer beyond 2^53 as its digits', () => {
    const row = parseJson('{"id": 9007199254740993, "n": -123456789012345678901, "small": 42, "f": 1.5}') as Record<string, unknown>;
    expect(row.id).toBeInstanceOf(ExactNumber);
    expect(String(row.id)).toBe('9007199254740993');
    expect(`${row.n as string}`).toBe('-123456789012345678901');
    expect(row.small).toBe(42);
    expect(row.f).toBe(1.5);
  });

  it('leaves digits inside strings and safe 16-digit integers alone', () => {
    expect(parseJson('{"phone": "12345678901234567890", "ok": 1234567890123456}')).toEqual({ phone: '12345678901234567890', ok: 1234567890123456 });
  });

  it('writes exact numbers back as numbers in {{json}}, nested too', () => {
    const row = parseJson('{"a": [9007199254740993, {"b": 12345678901234567890}], "s": "x"}');
    expect(stringifyJson(row)).toBe('{"a":[9007199254740993,{"b":12345678901234567890}],"s":"x"}');
    expect(stringifyJson(row, 1)).toBe('{\n "a": [\n  9007199254740993,\n  {\n   "b": 12345678901234567890\n  }\n ],\n "s": "x"\n}');
    expect(JSON.stringify(row)).toBe('{"a":["9007199254740993",{"b":"12345678901234567890"}],"s":"x"}');
  });

  it('reads two different 19-digit ids as two ids', async () => {
    const file = sourceFile('ids.jsonl', '{"id": 1234567890123456789}\n{"id": 1234567890123456788}\n', 'jsonl');
    expect((await collect([file])).map((r) => String(r.data.id))).toEqual(['1234567890123456789', '1234567890123456788']);
  });

  it('refuses a JSONL number that overflows, naming its line', async () => {
    const file = sourceFile('big.jsonl', '{"x": 1}\n{"x": 1e400}\n', 'jsonl');
    expect(plain(await collect([file]), { hints: true })).toEqual([
      { line: 1, index: 0, data: { x: 1 } },
      {
        line: 2,
        index: 1,
        fault: 'data/big.jsonl:2: number 1e400 is too large to read exactly (as a double it is Infinity)\n  hint: write it as a string ("1e400") if it is an id or a label; batchforge never rounds a number silently',
        raw: '{"x": 1e400}',
      },
    ]);
  });

  it('refuses a JSON file with a number that overflows, naming the line', async () => {
    const file = sourceFile('big.json', '[\n  {"x": 1},\n  {"x": -2e308}\n]\n', 'json');
    expect(await thrown(collect([file]))).toBe(
      '[data] data/big.json:3: number -2e308 is too large to read exactly (as a double it is Infinity)\n  hint: write it as a string ("1e400") if it is an id or a label; batchforge never rounds a number silently',
    );
  });

  it('keeps exact digits in a JSON file', async () => {
    const rows = await collect([sourceFile('ids.json', '[{"id": 9007199254740993}]', 'json')]);
    expect(String(rows[0]!.data.id)).toBe('9007199254740993');
  });
});
