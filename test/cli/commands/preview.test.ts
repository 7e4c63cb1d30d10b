import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { CHAT_PROJECT, cli, project } from '../helpers.js';

const request = (code: string, city: string) => `{
  "custom_id": "city-${code}",
  "method": "POST",
  "url": "/v1/chat/completions",
  "body": {
    "model": "gpt-4o-mini",
    "max_tokens": 50,
    "messages": [
      {
        "role": "system",
        "content": "You are terse.\\nBe kind."
      },
      {
        "role": "user",
        "content": "Describe ${city} in one line."
      }
    ]
  }
}
`;

describe('batchforge preview', () => {
  it('prints the first N requests, pretty, each under its batch, id and origin', async () => {
    const dir = project(CHAT_PROJECT);
    const r = await cli(dir, ['preview', '-n', '2']);
    expect(r).toEqual({
      code: 0,
      stdout: `── batch · city-PAR · data/cities.csv:2 ──\n${request('PAR', 'Paris')}── batch · city-ROM · data/cities.csv:3 ──\n${request('ROM', 'Rome')}`,
      stderr: '',
    });
  });

  it('shows three requests by default', async () => {
    const r = await cli(project(CHAT_PROJECT), ['preview']);
    expect(r.stdout.match(/^── /gm)).toHaveLength(3);
  });

  it('picks one row by position or by FILE:LINE', async () => {
    const dir = project(CHAT_PROJECT);
    expect(await cli(dir, ['preview', '--row', '3'])).toEqual({ code: 0, stdout: `── batch · city-OSL · data/cities.csv:4 ──\n${request('OSL', 'Oslo')}`, stderr: '' });
    expect((await cli(dir, ['preview', '--row', 'data/cities.csv:3'])).stdout).toBe(`── batch · city-ROM · data/cities.csv:3 ──\n${request('ROM', 'Rome')}`);
    expect((await cli(dir, ['preview', '--row', './data/cities.csv:3'])).stdout).toBe(`── batch · city-ROM · data/cities.csv:3 ──\n${request('ROM', 'Rome')}`);
  });

  it('picks a Parquet row by the form its origin is written in, FILE:row N', async () => {
    const cities = parquetWriteBuffer({
      columnData: [
        { name: 'code', data: ['PAR', 'ROM', 'OSL'], type: 'STRING' },
        { name: 'city', data: ['Paris', 'Rome', 'Oslo'], type: 'STRING' },
      ],
    });
    const dir = project({
      ...CHAT_PROJECT,
      'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']!.replace('data/cities.csv', 'data/cities.parquet'),
      'data/cities.parquet': Buffer.from(cities),
    });
    const rome = { code: 0, stdout: `── batch · city-ROM · data/cities.parquet:row 2 ──\n${request('ROM', 'Rome')}`, stderr: '' };
    expect(await cli(dir, ['preview', '--row', 'data/cities.parquet:row 2'])).toEqual(rome);
    expect(await cli(dir, ['preview', '--row', './data/cities.parquet:2'])).toEqual(rome);
    expect(await cli(project(CHAT_PROJECT), ['preview', '--row', 'data/cities.csv:row 3'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'no row data/cities.csv:row 3 in the source (3 row(s) after source.filter and offset)\n  hint: rows are numbered from 1 after source.filter and offset; FILE:LINE names the line a row starts on, FILE:row N row N of a Parquet file\n',
    });
  });

  it('says when the row does not exist (exit 2)', async () => {
    const dir = project(CHAT_PROJECT);
    expect(await cli(dir, ['preview', '--row', '9'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'no row 9 in the source (3 row(s) after source.filter and offset)\n  hint: rows are numbered from 1 after source.filter and offset; FILE:LINE names the line a row starts on, FILE:row N row N of a Parquet file\n',
    });
    expect((await cli(dir, ['preview', '--row', 'data/cities.csv:1'])).code).toBe(2);
    expect(await cli(dir, ['preview', '--row', 'x:'])).toEqual({
      code: 2,
      stdout: '',
      stderr: '--row "x:" is neither a row number, FILE:LINE nor FILE:row N\n  hint: give a 1-based row number (--row 14), a source line (--row data/questions.csv:15) or a Parquet row (--row "data/train.parquet:row 15")\n',
    });
  });

  it('reports a row the build would reject, as build does, with exit 1', async () => {
    const dir = project({ ...CHAT_PROJECT, 'data/cities.csv': 'code,city\nPAR,Paris\nROM\n' });
    const r = await cli(dir, ['preview']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`── batch · city-PAR · data/cities.csv:2 ──\n${request('PAR', 'Paris')}`);
    expect(r.stderr).toBe(
      "data/cities.csv:3: malformed row: row has 1 field, header has 2\n  hint: fix the row, or set on_error: skip to write it to the rejects file and go on\n",
    );
  });

  it('reports config errors with exit 2 and renders nothing', async () => {
    const dir = project({ ...CHAT_PROJECT, 'templates/system.hbs': 'You are {{#if x}}terse.\n' });
    const r = await cli(dir, ['preview']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^templates\/system\.hbs:\d+(:\d+)?: template syntax error: /);
  });

  it('stops reading the source once it has the rows it shows', async () => {
    // the second source file is broken: build fails on it, preview -n 2 never reaches it
    const dir = project({
      ...CHAT_PROJECT,
      'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']!.replace('path: data/cities.csv', 'path: [data/cities.csv, data/more.json]'),
      'data/more.json': '[{"code": "BER", "city": ',
    });
    expect((await cli(dir, ['preview', '-n', '2'])).code).toBe(0);
    expect((await cli(dir, ['build'])).code).toBe(2);
  });

  it('previews one batch by name, and names the batches when the name is wrong', async () => {
    const dir = project({
      ...CHAT_PROJECT,
      'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']! + 'batches:\n  - name: first\n  - name: second\n    custom_id: "two-{{code}}"\n',
    });
    const both = await cli(dir, ['preview', '-n', '1']);
    expect(both.stdout.match(/^── .*$/gm)).toEqual(['── first · city-PAR · data/cities.csv:2 ──', '── second · two-PAR · data/cities.csv:2 ──']);
    const one = await cli(dir, ['preview', '-n', '1', '--batch', 'second']);
    expect(one.stdout.match(/^── .*$/gm)).toEqual(['── second · two-PAR · data/cities.csv:2 ──']);
    expect(await cli(dir, ['preview', '--batch', 'secnd'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no batch named "secnd" (did you mean "second"?)\n  hint: batches in this config: first, second\n',
    });
  });

  it('refuses a count that is not a number', async () => {
    expect((await cli(project(CHAT_PROJECT), ['preview', '-n', 'x'])).stderr).toBe(
      'preview: -n "x" is not a whole number\n  hint: give the number of requests to show, e.g. -n 3\n',
    );
  });
});
