import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/cli/commands/validate.js';
import type { Io, ParsedArgs } from '../../../src/cli/command.js';
import { BatchforgeError, exitCodeFor } from '../../../src/errors/index.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lint/', import.meta.url));

async function run(positionals: string[], values: ParsedArgs['values'] = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: fixtures,
    env: {},
    color: false,
  };
  const code = await validate.run({ values, positionals }, io);
  return { code, stdout, stderr };
}

describe('batchforge validate', () => {
  it('prints findings sorted by file then line, a summary on stderr, and exits 1 on errors', async () => {
    const r = await run(['bad-one-model.jsonl', 'empty.jsonl', 'good-openai.jsonl']);
    expect(r.stdout).toBe(
      [
        'bad-one-model.jsonl:2: body.model "gpt-4o" differs from "gpt-4o-mini" on line 1 (openai takes one model per file)',
        'bad-one-model.jsonl:3: url "/v1/embeddings" differs from "/v1/chat/completions" on line 1 (openai takes one url per file)',
        'empty.jsonl: file is empty (providers reject a batch with no requests)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('3 files, 6 lines: 3 errors, 0 warnings\n');
    expect(r.code).toBe(1);
  });

  it('exits 0 on clean files and prints only the summary', async () => {
    const r = await run(['good-openai.jsonl']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '1 file, 3 lines: 0 errors, 0 warnings\n']);
  });

  it('labels warnings and counts them apart from errors', async () => {
    const r = await run(['bad-bodies.jsonl'], { provider: 'doubleword' });
    expect(r.stdout).toContain('bad-bodies.jsonl:4: warning: body.max_tokens is not accepted by "o1-mini"; use max_completion_tokens\n');
    expect(r.stdout).toContain('bad-bodies.jsonl:3: body.stream is true; batch requests cannot stream\n');
    expect(r.stderr).toBe('1 file, 9 lines: 7 errors, 2 warnings\n');
  });

  it('exits 1 on warnings only with --strict', async () => {
    expect((await run(['good-openai.jsonl'], { strict: true })).code).toBe(0);
    const r = await run(['good-gemini.jsonl'], { provider: 'vertex' });
    expect(r.stdout).toBe(
      'good-gemini.jsonl:1: warning: unknown key "key" in the vertex line shape (expected request)\n',
    );
    expect(r.code).toBe(0);
    expect((await run(['good-gemini.jsonl'], { provider: 'vertex', strict: true })).code).toBe(1);
  });

  it('prints {"files","findings"} with --json', async () => {
    const r = await run(['bad-ids.jsonl'], { json: true });
    expect(JSON.parse(r.stdout)).toEqual({
      files: [{ file: 'bad-ids.jsonl', lines: 7, bytes: 1161, provider: 'openai' }],
      findings: [
        { file: 'bad-ids.jsonl', line: 3, severity: 'error', code: 'custom-id-duplicate', message: 'duplicate custom_id "r-1" (first on line 1)' },
        { file: 'bad-ids.jsonl', line: 4, severity: 'error', code: 'custom-id-empty', message: 'custom_id is empty' },
        { file: 'bad-ids.jsonl', line: 7, severity: 'error', code: 'custom-id-duplicate', message: 'duplicate custom_id "r-2" (first on line 2)' },
      ],
    });
    expect(r.stderr).toBe('1 file, 7 lines: 3 errors, 0 warnings\n');
    expect(r.code).toBe(1);
  });

  it('keeps --json flat: a whole-file finding has line 0, and a shared code carries no build hint', async () => {
    const r = await run(['empty.jsonl', 'good-bedrock.jsonl'], { json: true });
    expect(JSON.parse(r.stdout).findings).toEqual([
      { file: 'empty.jsonl', line: 0, severity: 'error', code: 'empty-file', message: 'file is empty (providers reject a batch with no requests)' },
      { file: 'good-bedrock.jsonl', line: 0, severity: 'warning', code: 'few-records', message: 'file has 1 record(s); a bedrock batch job needs at least 100 by default' },
    ]);
  });

  it('prints through the one printer: warnings labelled (yellow on a colour terminal), errors not, no hints', async () => {
    let stdout = '';
    const io: Io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: fixtures, env: {}, color: true };
    await validate.run({ values: {}, positionals: ['empty.jsonl', 'good-bedrock.jsonl'] }, io);
    expect(stdout).toBe(
      'empty.jsonl: file is empty (providers reject a batch with no requests)\n' +
        'good-bedrock.jsonl: \u001b[33mwarning\u001b[0m: file has 1 record(s); a bedrock batch job needs at least 100 by default\n',
    );
  });

  it('throws a usage error (exit 2) for a file that does not exist', async () => {
    const e = await run(['good-openai.jsonl', 'nope.jsonl']).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BatchforgeError);
    const problems = (e as BatchforgeError).problems;
    expect(problems.map((p) => [p.code, p.message])).toEqual([['lint-file-missing', 'nope.jsonl does not exist']]);
    expect(exitCodeFor(problems)).toBe(2);
  });

  it('throws a usage error for an unknown provider and for no files', async () => {
    const e1 = (await run(['good-openai.jsonl'], { provider: 'grok' }).catch((err: unknown) => err)) as BatchforgeError;
    expect(e1.problems[0]?.message).toBe('unknown provider "grok" (did you mean "groq"?)');
    const e2 = (await run([]).catch((err: unknown) => err)) as BatchforgeError;
    expect([e2.problems[0]?.code, exitCodeFor(e2.problems)]).toEqual(['lint-no-files', 2]);
  });
});
