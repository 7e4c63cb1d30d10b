import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../src/errors/index.js';
import { formatProblem } from '../../../../src/errors/index.js';
import type { Decoding } from '../../../../src/stages/load/index.js';
import { collect, sourceFile, thrown } from '../helpers.js';

async function read(bytes: Buffer, decoding: Decoding = {}, readBytes?: number) {
  const warnings: Problem[] = [];
  const rows = await collect([sourceFile('x.csv', bytes, 'csv')], { decoding, onWarning: (p) => warnings.push(p), ...(readBytes && { readBytes }) });
  return { rows: rows.map((r) => r.data), warnings: warnings.map((p) => formatProblem(p, { hints: false })) };
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

describe('source.encoding', () => {
  it('reads a UTF-16 file by its BOM (Excel "Unicode text"), little and big endian, in any chunking', async () => {
    for (const bytes of [utf16le('id\ttext\r\n1\tcafé 😀\r\n'), utf16be('id\ttext\r\n1\tcafé 😀\r\n')]) {
      for (const readBytes of [1, 3, 64]) {
        const { rows, warnings } = await read(bytes, {}, readBytes);
        expect(rows).toEqual([{ 'id\ttext': '1\tcafé 😀' }]);
        expect(warnings).toEqual([]);
      }
    }
  });

  it('reads Latin-1 when told, and warns at the first line when the bytes are not UTF-8', async () => {
    const bytes = Buffer.from('id,text\n1,ok\n2,café\n', 'latin1');
    expect(await read(bytes)).toEqual({
      rows: [{ id: '1', text: 'ok' }, { id: '2', text: 'caf\ufffd' }],
      warnings: ['data/x.csv:3: warning: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess'],
    });
    expect(await read(bytes, { encoding: 'latin1' })).toEqual({ rows: [{ id: '1', text: 'ok' }, { id: '2', text: 'café' }], warnings: [] });
  });

  it('reads windows-1252, which differs from Latin-1 in 0x80–0x9F, and warns about its five undefined bytes', async () => {
    const bytes = Buffer.from([...Buffer.from('t\n'), 0x80, 0x93, 0x94, 0x9f, 0x0a, 0x61, 0x81, 0x0a]);
    expect(await read(bytes, { encoding: 'windows-1252' })).toEqual({
      rows: [{ t: '€“”Ÿ' }, { t: 'a\u0081' }],
      warnings: ['data/x.csv:3: warning: bytes that are not valid windows-1252 (the first on this line); the characters read for them are a guess'],
    });
    expect((await read(bytes, { encoding: 'latin1' })).rows).toEqual([{ t: '\u0080\u0093\u0094\u009f' }, { t: 'a\u0081' }]);
  });

  it('keeps a real U+FFFD in valid UTF-8 without a warning', async () => {
    expect(await read(Buffer.from('t\n\ufffd\n'))).toEqual({ rows: [{ t: '\ufffd' }], warnings: [] });
  });

  it('reads UTF-16LE without a BOM when told', async () => {
    expect((await read(Buffer.from('a,b\n1,2\n', 'utf16le'), { encoding: 'utf-16le' })).rows).toEqual([{ a: '1', b: '2' }]);
  });

  it('with strict_encoding, invalid bytes are an error at their line', async () => {
    const bytes = Buffer.concat([Buffer.from('id\n1\n'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(await thrown(collect([sourceFile('x.csv', bytes, 'csv')], { decoding: { strict: true } }))).toBe(
      "[data] data/x.csv:3: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess\n  hint: set source.encoding to the file's encoding (utf-8, utf-16le, utf-16be, latin1, windows-1252); strict_encoding: true makes this an error",
    );
  });

  it('names the right line when the bad bytes come late in a file read in small blocks', async () => {
    const bytes = Buffer.concat([Buffer.from('t\r\n' + 'x\r\n'.repeat(50)), Buffer.from([0xe9]), Buffer.from('\r\n')]);
    expect((await read(bytes, {}, 7)).warnings).toEqual(['data/x.csv:52: warning: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess']);
  });
});
