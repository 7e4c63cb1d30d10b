import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { formatProblem } from '../../src/errors/index.js';
import { project } from '../support/project.js';

const DATA = { 'data/rows.csv': 'id,text\n1,hello\n' };
const CHAT = `model: gpt-4o-mini
source:
  path: data/rows.csv
messages:
  - role: user
    content: "{{text}}"
`;

async function messages(files: Record<string, string>, config?: string): Promise<string[]> {
  const cwd = project(files);
  const res = await loadConfig({ cwd, ...(config && { config }) });
  return res.problems.map((p) => formatProblem(p, { hints: false }));
}

describe('finding the config', () => {
  test('batch.config.yaml in the working folder', async () => {
    const cwd = project({ ...DATA, 'batch.config.yaml': CHAT });
    const res = await loadConfig({ cwd });
    expect(res.problems).toEqual([]);
    expect(res.config?.display).toBe('batch.config.yaml');
    expect(res.config?.batches[0]?.model).toBe('gpt-4o-mini');
  });

  test('.batchforgerc.yaml and package.json#batchforge are found too', async () => {
    const a = await loadConfig({ cwd: project({ ...DATA, '.batchforgerc.yaml': CHAT }) });
    expect(a.config?.display).toBe('.batchforgerc.yaml');
    const pkg = { name: 'x', batchforge: { model: 'm', source: { path: 'data/rows.csv' }, input: '{{text}}' } };
    const b = await loadConfig({ cwd: project({ ...DATA, 'package.json': JSON.stringify(pkg, null, 2) }) });
    expect(b.problems).toEqual([]);
    expect(b.config?.batches[0]?.endpoint).toBe('/v1/embeddings');
  });

  test('a package.json without a batchforge key is not a config', async () => {
    expect(await messages({ 'package.json': '{"name":"x"}' })).toEqual([
      expect.stringMatching(/^no batchforge config found in .+ or its parents$/),
    ]);
  });

  test('--config names the file; a missing one is an error', async () => {
    expect(await messages({ ...DATA, 'conf/b.yaml': CHAT.replace('data/', '../data/') }, 'conf/b.yaml')).toEqual([]);
    expect(await messages({}, 'nope.yaml')).toEqual(['config file nope.yaml does not exist']);
  });

  test('paths in a config resolve against its own folder', async () => {
    const cwd = project({ 'sub/data/rows.csv': 'id\n1\n', 'sub/batch.config.yaml': CHAT + 'output:\n  dir: built\n' });
    const res = await loadConfig({ cwd, config: 'sub/batch.config.yaml' });
    expect(res.config?.outDir).toBe(path.join(cwd, 'sub', 'built'));
    expect(res.config?.display).toBe('sub/batch.config.yaml');
  });
});

describe('config errors name the file, line, column and key', () => {
  test('YAML syntax error with a frame', async () => {
    const cwd = project({ 'batch.config.yaml': 'model: x\nsource: [a\n' });
    const res = await loadConfig({ cwd });
    expect(res.problems).toHaveLength(1);
    expect(formatProblem(res.problems[0]!, { hints: false }).split('\n')[0]).toMatch(/^batch\.config\.yaml:3:1: YAML syntax error: /);
  });

  test('a key given twice, a tab indent and a second document have their own words', async () => {
    expect(await messages({ 'batch.config.yaml': 'x: 1\nbatches:\n  - name: a\n    "model": q\n    model: r\n' })).toEqual([
      'batch.config.yaml:5:5: key "model" is given twice in the same mapping\n  5 |     model: r\n          ^',
    ]);
    expect(await messages({ 'batch.config.yaml': 'model: a\n\tsource: x\n' })).toEqual([
      'batch.config.yaml:2:1: a tab indents this line; YAML indents with spaces only\n  2 | \tsource: x\n      ^',
    ]);
    expect(await messages({ 'batch.config.yaml': 'model: a\n---\nmodel: b\n' })).toEqual([
      'batch.config.yaml:2:1: the config holds more than one YAML document (a --- line starts a second one)\n  2 | ---\n      ^',
    ]);
  });

  test('unknown keys with did-you-mean, in file order', async () => {
    const text = CHAT.replace('model:', 'modle:').replace('    content:', '    contnet:');
    expect(await messages({ ...DATA, 'batch.config.yaml': text })).toEqual([
      'batch.config.yaml:1:1 modle: unknown key "modle" (did you mean "model"?)\n  1 | modle: gpt-4o-mini\n      ^',
      'batch.config.yaml:6:5 messages[0].contnet: unknown key "contnet" (did you mean "content"?)\n  6 |     contnet: "{{text}}"\n          ^',
    ]);
  });

  test('wrong types say what was expected and what was found', async () => {
    const text = CHAT + 'output:\n  max_bytes: 12XB\n  max_lines: -1\n';
    const got = await messages({ ...DATA, 'batch.config.yaml': text });
    expect(got.map((m) => m.split('\n')[0])).toEqual([
      'batch.config.yaml:8:14 output.max_bytes: expected a size such as 100MB, 95MiB or 50000000, got the string "12XB"',
      'batch.config.yaml:9:14 output.max_lines: must be above 0, got number -1',
    ]);
  });

  test('unknown provider and role suggest the closest name', async () => {
    const text = 'provider: opnai\n' + CHAT;
    expect((await messages({ ...DATA, 'batch.config.yaml': text }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:1:11 provider: unknown provider "opnai" (did you mean "openai"?)',
    );
    const role = CHAT.replace('role: user', 'role: usr');
    expect((await messages({ ...DATA, 'batch.config.yaml': role }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:5:11 messages[0].role: unknown role "usr" (did you mean "user"?)',
    );
  });

  test('a missing template file names the file and the key', async () => {
    const text = CHAT.replace('content: "{{text}}"', 'template: templates/user.hbs');
    expect((await messages({ ...DATA, 'batch.config.yaml': text }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:6:15 messages[0].template: template file templates/user.hbs does not exist',
    );
  });

  test('max_bytes above the provider maximum is refused', async () => {
    const text = 'provider: groq\n' + CHAT + 'output:\n  max_bytes: 150MB\n';
    expect((await messages({ ...DATA, 'batch.config.yaml': text }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:9:14 output.max_bytes: output.max_bytes 150000000 is over the groq maximum of 100000000 bytes per file',
    );
  });

  test('output.override_limits turns the provider maximum into a warning', async () => {
    const text = 'provider: groq\n' + CHAT + 'output:\n  max_bytes: 150MB\n  override_limits: true\n';
    const cwd = project({ ...DATA, 'batch.config.yaml': text });
    const res = await loadConfig({ cwd });
    expect(res.config?.batches[0]?.maxBytes).toBe(150_000_000);
    expect(res.problems.map((p) => [p.severity, formatProblem(p).split('\n')[0]])).toEqual([
      ['warning', 'batch.config.yaml:9:14 output.max_bytes: warning: output.max_bytes 150000000 is over the groq maximum of 100000000 bytes per file'],
    ]);
    expect(res.problems[0]?.hint).toBe('output.override_limits is set: the provider may refuse this file');
  });

  test('messages and input together, or neither, are errors', async () => {
    const both = CHAT + 'input: "{{text}}"\n';
    expect((await messages({ ...DATA, 'batch.config.yaml': both }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:7:1 input: give either messages or input, not both',
    );
    const none = 'model: m\nsource:\n  path: data/rows.csv\n';
    expect((await messages({ ...DATA, 'batch.config.yaml': none }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:1:1: no messages or input: say what each request sends',
    );
  });

  test('stream: true and model inside params are refused', async () => {
    const text = CHAT + 'params:\n  stream: true\n  model: x\n';
    const got = (await messages({ ...DATA, 'batch.config.yaml': text })).map((m) => m.split('\n')[0]);
    expect(got).toEqual([
      'batch.config.yaml:8:11 params.stream: batch APIs refuse stream: true',
      'batch.config.yaml:9:3 params.model: set the model with the top-level `model` key, not in params',
    ]);
  });
});

describe('resolution', () => {
  test('named batches take top-level keys as defaults and override them', async () => {
    const text = `model: base-model
params: { temperature: 0.1, max_tokens: 10 }
source: { path: data/rows.csv }
messages: [{ role: user, content: "{{text}}" }]
output: { max_lines: 7 }
batches:
  - name: a
  - name: b
    model: other
    params: { temperature: 0.9 }
    output: { max_bytes: 1MiB }
`;
    const cwd = project({ ...DATA, 'batch.config.yaml': text });
    const res = await loadConfig({ cwd });
    expect(res.problems).toEqual([]);
    const [a, b] = res.config!.batches;
    expect([a!.name, a!.model, a!.params, a!.maxLines, a!.maxBytes]).toEqual(['a', 'base-model', { temperature: 0.1, max_tokens: 10 }, 7, 100_000_000]);
    expect([b!.name, b!.model, b!.params, b!.maxLines, b!.maxBytes]).toEqual(['b', 'other', { temperature: 0.9, max_tokens: 10 }, 7, 1_048_576]);
    expect(b!.at(['model']).line).toBe(9);
    expect(a!.at(['model']).line).toBe(1);
  });

  test('defaults: provider openai, chat endpoint, request-{{@index}} ids, 100 MB, 50,000 lines, out/', async () => {
    const cwd = project({ ...DATA, 'batch.config.yaml': CHAT });
    const b = (await loadConfig({ cwd })).config!.batches[0]!;
    expect([b.provider.name, b.endpoint, (b.customId as { text: string }).text, b.maxBytes, b.maxLines, b.onError]).toEqual([
      'openai', '/v1/chat/completions', 'request-{{@index}}', 100_000_000, 50_000, 'fail',
    ]);
  });

  test('schema defaults never hide a top-level value from a batch entry', async () => {
    // defaults sit on the top-level keys only: were they on entries too, each entry would get
    // provider openai, on_error fail and override_limits false over what the top level says
    const text = `provider: groq
model: m
on_error: skip
source: { path: data/rows.csv }
messages: [{ role: user, content: "{{text}}" }]
output: { override_limits: true }
batches:
  - name: a
    output: { max_bytes: 150MB }
`;
    const res = await loadConfig({ cwd: project({ ...DATA, 'batch.config.yaml': text }) });
    const a = res.config!.batches[0]!;
    expect([a.provider.name, a.onError, a.maxBytes]).toEqual(['groq', 'skip', 150_000_000]);
    expect(res.problems.map((p) => [p.code, p.severity, p.location?.path])).toEqual([['max-bytes-over-provider', 'warning', 'batches[0].output.max_bytes']]);
  });

  test('the same batch name twice is an error', async () => {
    writeFileSync('/dev/null', '');
    const text = CHAT + 'batches:\n  - name: a\n  - name: a\n';
    expect((await messages({ ...DATA, 'batch.config.yaml': text }))[0]?.split('\n')[0]).toBe(
      'batch.config.yaml:9:11 batches[1].name: batch name "a" is used twice (also batches[0])',
    );
  });
});

describe('parseConfig returns a result, never throws for a user error', () => {
  test('{errors, warnings}: every error and every warning of the config at once', async () => {
    const cwd = project(DATA);
    const text = 'provider: groq\nsource: { path: data/rows.csv }\nmessages: [{ role: user, content: "{{text}}" }]\noutput: { max_bytes: 150MB, override_limits: true }\n';
    const res = await parseConfig(text, path.join(cwd, 'batch.config.yaml'), cwd);
    expect('errors' in res && res.errors.map((p) => [p.code, p.severity, p.message])).toEqual([['model-not-set', 'error', 'model is not set']]);
    expect(res.warnings.map((p) => [p.code, p.severity, p.location?.path])).toEqual([['max-bytes-over-provider', 'warning', 'output.max_bytes']]);
  });

  test('{config, warnings} when only warnings are found', async () => {
    const cwd = project(DATA);
    const text = 'provider: groq\nmodel: m\nsource: { path: data/rows.csv }\nmessages: [{ role: user, content: "{{text}}" }]\noutput: { max_bytes: 150MB, override_limits: true }\n';
    const res = await parseConfig(text, path.join(cwd, 'batch.config.yaml'), cwd);
    expect('config' in res && res.config.batches.map((b) => [b.name, b.maxBytes])).toEqual([['batch', 150_000_000]]);
    expect(res.warnings.map((p) => p.code)).toEqual(['max-bytes-over-provider']);
  });
});
