import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/stages/load/csv-parser.js';
import { parseCsv } from './helpers.js';

const fieldsOf = (text: string, delimiter = ',') =>
  parseCsv(text, [], delimiter).map((r) => ('fields' in r ? r.fields : r));

describe('CsvParser', () => {
  it('splits records at LF and CRLF and keeps a last line without a newline', () => {
    expect(parseCsv('a,b\n1,2\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { line: 2, fields: ['1', '2'], raw: '1,2' },
      { line: 3, fields: ['3', '4'], raw: '3,4' },
    ]);
  });

  it('skips empty lines outside quotes but counts them', () => {
    expect(parseCsv('a\n\n\r\nx\n\n')).toEqual([
      { line: 1, fields: ['a'], raw: 'a' },
      { line: 4, fields: ['x'], raw: 'x' },
    ]);
  });

  it('reads "" on a line of its own as one empty field', () => {
    expect(fieldsOf('a\n""\n')).toEqual([['a'], ['']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,b,c\n,,\nx,,\n')).toEqual([['a', 'b', 'c'], ['', '', ''], ['x', '', '']]);
  });

  it('reads delimiters, doubled quotes and CR, LF, CRLF inside quoted fields as they are', () => {
    expect(fieldsOf('"a,b","say ""hi""","1\n2","3\r\n4","5\r6"\n')).toEqual([
      ['a,b', 'say "hi"', '1\n2', '3\r\n4', '5\r6'],
    ]);
  });

  it('gives each record the line where it starts, counting newlines inside quotes', () => {
    const parsed = parseCsv('h1,h2\n"multi\nline\r\nvalue",x\nnext,y\n"a","b\n"\nlast,z\n');
    expect(parsed.map((r) => ('line' in r ? r.line : -1))).toEqual([1, 2, 5, 6, 8]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(fieldsOf('size,what\n5" screen,tv\nab"c"d,x\n')).toEqual([['size', 'what'], ['5" screen', 'tv'], ['ab"c"d', 'x']]);
  });

  it('turns a quoted field with a stray quote literal up to the next delimiter, as csv-parse relax_quotes does', () => {
    expect(fieldsOf('"abc"def",z\n"x" ,y\n"p,q"c,d\n"p""q"c,d\n"x"\ry,z\n')).toEqual([
      ['"abc"def"', 'z'],
      ['"x" ', 'y'],
      ['"p,q"c', 'd'],
      ['"p"q"c', 'd'],
      ['"x"\ry', 'z'],
    ]);
  });

  it('keeps a lone CR outside quotes as data', () => {
    expect(fieldsOf('a\rb,c\n')).toEqual([['a\rb', 'c']]);
  });

  it('ends a record at a CR just before the end of input', () => {
    expect(fieldsOf('a,b\r')).toEqual([['a', 'b']]);
    expect(fieldsOf('a,"b"\r')).toEqual([['a', 'b']]);
  });

  it('closes a quoted field at the end of input', () => {
    expect(fieldsOf('a,"b"')).toEqual([['a', 'b']]);
    expect(fieldsOf('a,"b",')).toEqual([['a', 'b', '']]);
  });

  it('reports a quote never closed once, with the rest of the input, and stops', () => {
    expect(parseCsv('h\n1\n"open\n2\n3\n')).toEqual([
      { line: 1, fields: ['h'], raw: 'h' },
      { line: 2, fields: ['1'], raw: '1' },
      { unclosed: 3, quoteLine: 3, raw: '"open\n2\n3\n' },
    ]);
    expect(parseCsv('a,"x\ny",b,"never\n')).toEqual([{ unclosed: 1, quoteLine: 2, raw: 'a,"x\ny",b,"never\n' }]);
  });

  it('uses the delimiter it is given', () => {
    expect(fieldsOf('a\tb\n"x\ty"\t,z\n', '\t')).toEqual([['a', 'b'], ['x\ty', ',z']]);
    expect(fieldsOf('a;b\n1,5;2\n', ';')).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('refuses a delimiter it cannot work with', () => {
    const sink = { record() {}, unclosed() {} };
    for (const d of ['', ',,', '"', '\n', '\r']) {
      expect(() => new CsvParser(d, sink)).toThrow(`unusable CSV delimiter ${JSON.stringify(d)}`);
    }
  });

  it('gives the same records however the input is cut into chunks', () => {
    const inputs = [
      'a,b\r\n"x,\r\ny",2\r\n\r\n3,4',
      'a\n"p""q"c,d\n5" screen\n""\n',
      'a,b\n"open,1\n2\n',
      'a,b,\n,,\r\n"""",""\r',
      'x,y\n"a"\r\n"b"\r"c"\n',
    ];
    for (const text of inputs) {
      const whole = parseCsv(text);
      for (let i = 0; i <= text.length; i++) {
        for (let j = i; j <= text.length; j++) expect(parseCsv(text, [i, j]), `${JSON.stringify(text)} cut at ${i},${j}`).toEqual(whole);
      }
    }
  });

  it('stays linear on a huge quoted field fed in small chunks', () => {
    const big = 'x'.repeat(2_000_000);
    const text = `a,b\n"${big}",1\n`;
    const cuts: number[] = [];
    for (let k = 1000; k < text.length; k += 1000) cuts.push(k);
    const started = performance.now();
    const parsed = parseCsv(text, cuts);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.map((r) => ('fields' in r ? r.fields.map((f) => f.length) : r))).toEqual([[1, 1], [2_000_000, 1]]);
  });

  it('ignores input after end()', () => {
    const out: string[][] = [];
    const parser = new CsvParser(',', { record: (f) => out.push([...f]), unclosed() {} });
    parser.push('a\n1');
    parser.end();
    parser.push('2\n');
    parser.end();
    expect(out).toEqual([['a'], ['1']]);
  });
});
