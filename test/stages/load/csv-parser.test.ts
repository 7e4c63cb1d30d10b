import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/stages/load/csv-parser.js';
import { parseCsv } from './helpers.js';

const fieldsOf = (text: string, delimiter = ',') =>
  parseCsv(text, [], delimiter).map((r) => ('fields' in r ? r.fields : r));

describe('CsvParser, the fast path for the default dialect', () => {
  it('splits records at LF, CRLF or CR and keeps a last line without a line end', () => {
    const expected = [
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { line: 2, fields: ['1', '2'], raw: '1,2' },
      { line: 3, fields: ['3', '4'], raw: '3,4' },
    ];
    for (const eol of ['\n', '\r\n', '\r']) expect(parseCsv(`a,b${eol}1,2${eol}3,4`)).toEqual(expected);
  });

  it('takes the first line end as the record delimiter, as csv-parse does: a CR in an LF file is data', () => {
    expect(fieldsOf('a,b\n1,2\r\n3,4\n')).toEqual([['a', 'b'], ['1', '2\r'], ['3', '4']]);
    expect(fieldsOf('a\rb,c\n')).toEqual([['a'], ['b', 'c\n']]);
  });

  it('skips empty lines outside quotes but counts them', () => {
    expect(parseCsv('a\n\n\nx\n\n')).toEqual([
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
    expect(fieldsOf('"a,b","say ""hi""","1\n2","3\r\n4","5\r6"\n')).toEqual([['a,b', 'say "hi"', '1\n2', '3\r\n4', '5\r6']]);
  });

  it('gives each record the line where it starts, counting line ends inside quotes', () => {
    const parsed = parseCsv('h1,h2\n"multi\nline\r\nvalue",x\nnext,y\n"a","b\n"\nlast,z\n');
    expect(parsed.map((r) => r.line)).toEqual([1, 2, 5, 6, 8]);
  });

  it('refuses a quote inside an unquoted field, and goes on at the next line', () => {
    expect(parseCsv('size,what\n5" screen,tv\nok,1\n')).toEqual([
      { line: 1, fields: ['size', 'what'], raw: 'size,what' },
      { fault: 'quote-in-field', line: 2, column: 1, raw: '5" screen,tv' },
      { line: 3, fields: ['ok', '1'], raw: 'ok,1' },
    ]);
  });

  it('refuses a closing quote followed by anything but the delimiter or the line end', () => {
    expect(parseCsv('a,b\n1,"abc"def\n"x" ,y\n2,3')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { fault: 'quote-closes-early', line: 2, column: 2, raw: '1,"abc"def' },
      { fault: 'quote-closes-early', line: 3, column: 1, raw: '"x" ,y' },
      { line: 4, fields: ['2', '3'], raw: '2,3' },
    ]);
  });

  it('reports a quote never closed at its record, then reads the lines after it', () => {
    expect(parseCsv('h\n1\n"open\n2\n3\n')).toEqual([
      { line: 1, fields: ['h'], raw: 'h' },
      { line: 2, fields: ['1'], raw: '1' },
      { fault: 'quote-not-closed', line: 3, column: 1, raw: '"open' },
      { line: 4, fields: ['2'], raw: '2' },
      { line: 5, fields: ['3'], raw: '3' },
    ]);
  });

  it('closes a quoted field at the end of input', () => {
    expect(fieldsOf('a,"b"')).toEqual([['a', 'b']]);
    expect(fieldsOf('a,"b",')).toEqual([['a', 'b', '']]);
  });

  it('uses the delimiter it is given', () => {
    expect(fieldsOf('a\tb\n"x\ty"\t,z\n', '\t')).toEqual([['a', 'b'], ['x\ty', ',z']]);
    expect(fieldsOf('a;b\n1,5;2\n', ';')).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('takes only one delimiter character that is not a quote or a line end (csv-parse reads the rest)', () => {
    const sink = { record() {}, fault() {} };
    for (const d of ['', ',,', '"', '\n', '\r']) {
      expect(() => new CsvParser(d, sink)).toThrow(`the fast CSV path takes one delimiter character, not ${JSON.stringify(d)}`);
    }
  });

  it('gives the same records however the input is cut into chunks', () => {
    const inputs = [
      'a,b\r\n"x,\r\ny",2\r\n\r\n3,4',
      'a\n"p""q"c,d\n5" screen\n""\n',
      'a,b\n"open,1\n2\n',
      'a,b,\n,,\r\n"""",""\r',
      'x,y\r"a"\r\n"b"\r"c"\n',
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
    const parser = new CsvParser(',', { record: (f) => out.push([...f]), fault() {} });
    parser.push('a\n1');
    parser.end();
    parser.push('2\n');
    parser.end();
    expect(out).toEqual([['a'], ['1']]);
  });
});
