import { describe, expect, test } from 'vitest';
import { cli } from '../support/io.js';
import { project } from '../support/project.js';

const DATA = { 'data/rows.csv': 'id,text\n1,hello\n2,world\n' };

/** `batchforge build` on this config: exit code and stderr, as a user sees them */
async function build(config: string, files: Record<string, string> = {}) {
  const r = await cli(project({ ...DATA, ...files, 'batch.config.yaml': config }), 'build');
  return { code: r.code, stderr: r.stderr };
}

describe('each config rule prints its own message once, with exit 2', () => {
  test('model-not-set: a 3-value matrix without a model says so once, not once per variant', async () => {
    expect(await build('source: { path: data/rows.csv }\nmatrix:\n  temperature: [0, 0.5, 1]\nmessages: [{ role: user, content: "{{text}}" }]\n')).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:1:1: model is not set\n' +
        '  1 | source: { path: data/rows.csv }\n' +
        '      ^\n' +
        '  hint: set `model:` at the top level, in the batch entry, or as a matrix axis (see the README section "Every key")\n',
    });
  });

  test('source-not-set names the batch entry that lacks one', async () => {
    const config = 'model: m\nmessages: [{ role: user, content: "{{text}}" }]\nbatches:\n  - name: a\n  - name: b\n    source: { path: data/rows.csv }\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:5 batches[0]: source is not set for batch "a": name the data file(s)\n' +
        '  4 |   - name: a\n' +
        '          ^\n' +
        '  hint: add `source: { path: data/rows.csv }`; the README section "Sources" lists the formats\n',
    });
  });

  test('batch-name-twice', async () => {
    const config = 'model: m\nsource: { path: data/rows.csv }\ninput: "{{text}}"\nbatches:\n  - name: a\n  - name: a\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:6:11 batches[1].name: batch name "a" is used twice (also batches[0])\n' +
        '  6 |   - name: a\n' +
        '                ^\n' +
        "  hint: the name prefixes the batch's shard files: give each entry of batches its own name\n",
    });
  });

  test('messages-and-input', async () => {
    const config = 'model: m\nsource: { path: data/rows.csv }\ninput: "{{text}}"\nmessages: [{ role: user, content: "{{text}}" }]\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:3:1 input: give either messages or input, not both\n' +
        '  3 | input: "{{text}}"\n' +
        '      ^\n' +
        '  hint: messages are for chat endpoints; input is for embeddings, completions and responses\n',
    });
  });

  test('no-messages-or-input', async () => {
    expect(await build('model: m\nsource: { path: data/rows.csv }\n')).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:1:1: no messages or input: say what each request sends\n' +
        '  1 | model: m\n' +
        '      ^\n' +
        '  hint: add `messages:` for a chat endpoint or `input:` for embeddings (see the README section "Every key")\n',
    });
  });

  test('endpoint-takes-input and endpoint-takes-messages', async () => {
    const chat = 'model: m\nsource: { path: data/rows.csv }\nendpoint: /v1/embeddings\nmessages: [{ role: user, content: "{{text}}" }]\n';
    expect(await build(chat)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:1 messages: endpoint /v1/embeddings takes input, not messages\n' +
        '  4 | messages: [{ role: user, content: "{{text}}" }]\n' +
        '      ^\n' +
        '  hint: write the text as `input:`, or pick a chat endpoint (the README section "Providers" lists them)\n',
    });
    const input = 'model: m\nsource: { path: data/rows.csv }\nendpoint: /v1/chat/completions\ninput: "{{text}}"\n';
    expect(await build(input)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:1 input: endpoint /v1/chat/completions takes messages, not input\n' +
        '  4 | input: "{{text}}"\n' +
        '      ^\n' +
        '  hint: write the prompt as `messages:`, or pick an input endpoint (the README section "Providers" lists them)\n',
    });
  });

  test('unsupported-endpoint', async () => {
    const config = 'provider: groq\nmodel: m\nsource: { path: data/rows.csv }\nendpoint: /v1/images\ninput: "{{text}}"\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:11 endpoint: provider groq does not take endpoint /v1/images in a batch\n' +
        '  4 | endpoint: /v1/images\n' +
        '                ^\n' +
        '  hint: use one of: /v1/chat/completions\n',
    });
  });

  test('unknown-role', async () => {
    expect(await build('model: m\nsource: { path: data/rows.csv }\nmessages: [{ role: usr, content: x }]\n')).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:3:20 messages[0].role: unknown role "usr" (did you mean "user"?)\n' +
        '  3 | messages: [{ role: usr, content: x }]\n' +
        '                         ^\n' +
        '  hint: roles this provider knows: system, developer, user, assistant\n',
    });
  });

  test('max-lines-over-provider and max-bytes-over-provider, each at its key', async () => {
    const config = 'provider: groq\nmodel: m\nsource: { path: data/rows.csv }\nmessages: [{ role: user, content: "{{text}}" }]\noutput: { max_lines: 60000, max_bytes: 101MB }\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:5:22 output.max_lines: output.max_lines 60000 is over the groq maximum of 50000 requests per file\n' +
        '  5 | output: { max_lines: 60000, max_bytes: 101MB }\n' +
        '                           ^\n' +
        '  hint: lower it to 50000 or less, or set output.override_limits: true if your account allows more\n' +
        'batch.config.yaml:5:40 output.max_bytes: output.max_bytes 101000000 is over the groq maximum of 100000000 bytes per file\n' +
        '  5 | output: { max_lines: 60000, max_bytes: 101MB }\n' +
        '                                             ^\n' +
        '  hint: lower it to 100000000 or less, or set output.override_limits: true if your account allows more\n',
    });
  });

  test('params-hold-prompt, params-stream and params-hold-model, also inside a matrix params axis', async () => {
    const config =
      'model: m\nsource: { path: data/rows.csv }\ninput: "{{text}}"\nparams: { prompt: x, messages: [], input: y }\nmatrix:\n  params: [{ stream: true }, { model: z }]\n';
    const hint = '  hint: params are merged into every body as they are; what a request sends is rendered from messages or input\n';
    const line4 = '  4 | params: { prompt: x, messages: [], input: y }\n';
    const line6 = '  6 |   params: [{ stream: true }, { model: z }]\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:11 params.prompt: prompt cannot be a param: use the `input` key\n' + line4 + '                ^\n' + hint +
        'batch.config.yaml:4:22 params.messages: messages cannot be a param: use the `messages` key\n' + line4 + '                           ^\n' + hint +
        'batch.config.yaml:4:36 params.input: input cannot be a param: use the `input` key\n' + line4 + '                                         ^\n' + hint +
        'batch.config.yaml:6:22 matrix.params[0].stream: batch APIs refuse stream: true\n' + line6 + '                           ^\n' +
        '  hint: remove stream from params: a batch returns whole responses\n' +
        'batch.config.yaml:6:32 matrix.params[1].model: set the model with the top-level `model` key, not in params\n' + line6 + '                                     ^\n' +
        '  hint: a matrix axis `model: [a, b]` sends the same rows to several models\n',
    });
  });

  test('matrix-axis-not-names, unknown-provider in a matrix, matrix-value-twice and matrix-params-not-mappings', async () => {
    const config = 'source: { path: data/rows.csv }\ninput: "{{text}}"\nmatrix:\n  model: [a, a, 3]\n  provider: [openai, opnai, openai]\n  params: [1]\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:10 matrix.model: matrix.model must be a list of names\n' +
        '  4 |   model: [a, a, 3]\n' +
        '               ^\n' +
        '  hint: write the model names as strings, e.g. model: [gpt-4o-mini, gpt-4.1]\n' +
        'batch.config.yaml:5:22 matrix.provider[1]: unknown provider "opnai" (did you mean "openai"?)\n' +
        '  5 |   provider: [openai, opnai, openai]\n' +
        '                           ^\n' +
        '  hint: known providers: openai, azure, groq, doubleword, vllm, together, mistral, fireworks, anthropic, gemini, vertex, bedrock\n' +
        'batch.config.yaml:5:29 matrix.provider[2]: matrix.provider lists "openai" twice\n' +
        '  5 |   provider: [openai, opnai, openai]\n' +
        '                                  ^\n' +
        '  hint: each value names a shard partition: list it once\n' +
        'batch.config.yaml:6:11 matrix.params: matrix.params must be a list of mappings, e.g. [{temperature: 0}, {temperature: 0.7}]\n' +
        '  6 |   params: [1]\n' +
        '                ^\n' +
        '  hint: each item is merged into params; the README section "Fan-out: `matrix`" shows one\n',
    });
  });

  test('message-content-xor-template and template-file-missing', async () => {
    const config =
      'model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: user\n  - role: user\n    content: x\n    template: templates/a.hbs\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:5 messages[0]: a message needs either content or template (one of them)\n' +
        '  4 |   - role: user\n' +
        '          ^\n' +
        '  hint: content: is an inline template; template: names a template file beside the config\n' +
        'batch.config.yaml:5:5 messages[1]: a message needs either content or template (one of them)\n' +
        '  5 |   - role: user\n' +
        '          ^\n' +
        '  hint: content: is an inline template; template: names a template file beside the config\n' +
        'batch.config.yaml:7:15 messages[1].template: template file templates/a.hbs does not exist\n' +
        '  7 |     template: templates/a.hbs\n' +
        '                    ^\n' +
        '  hint: template paths are relative to the config file\n',
    });
  });

  test('a top-level mistake shared by two batch entries is printed once', async () => {
    const config = 'model: m\nsource: { path: data/rows.csv }\ninput: "{{text}}"\nparams: { stream: true }\nbatches:\n  - name: a\n  - name: b\n';
    expect(await build(config)).toEqual({
      code: 2,
      stderr:
        'batch.config.yaml:4:19 params.stream: batch APIs refuse stream: true\n' +
        '  4 | params: { stream: true }\n' +
        '                        ^\n' +
        '  hint: remove stream from params: a batch returns whole responses\n',
    });
  });
});

describe('schema checks: each kind of wrong value its own message', () => {
  test('text length, number range, allowed values, axis names, list length, formats and discriminators', async () => {
    const config =
      'model: m\nsource: { path: data/rows.csv, delimiter: "", offset: -1 }\ninput: "{{text}}"\non_error: ignore\nmatrix: { 1x: [a], model: [] }\n' +
      'custom_id: { hash: [id], length: 4, prefix: "a b" }\nbase_url: nope\noutput: { max_bytes: 12XB }\n';
    expect((await build(config)).stderr.split('\n').filter((l) => l.startsWith('batch.config.yaml') || l.startsWith('  hint'))).toEqual([
      'batch.config.yaml:2:43 source.delimiter: must be at least 1 character(s) long, got the string ""',
      '  hint: the README section "Every key" says what each key holds',
      'batch.config.yaml:2:55 source.offset: must be at least 0, got number -1',
      '  hint: the README section "Every key" says what each number counts',
      'batch.config.yaml:4:11 on_error: must be one of "fail", "skip", got the string "ignore"',
      '  hint: the README section "Every key" lists the values each key takes',
      'batch.config.yaml:5:11 matrix.1x: key "1x" is not a name of letters, digits and _',
      '  hint: matrix axes become template variables ({{@matrix.<axis>}}), so their names follow the same rule',
      'batch.config.yaml:5:27 matrix.model: needs at least 1 item(s)',
      '  hint: give the list its items, or leave the key out to take the default',
      'batch.config.yaml:6:34 custom_id.length: must be at least 8, got number 4',
      '  hint: the README section "Every key" says what each number counts',
      'batch.config.yaml:6:45 custom_id.prefix: expected up to 40 of A-Z a-z 0-9 _ -, got the string "a b"',
      '  hint: the README section "Every key" shows an example of each key',
      'batch.config.yaml:7:11 base_url: expected a URL such as https://api.example.com/v1, got the string "nope"',
      '  hint: the README section "Every key" shows an example of each key',
      'batch.config.yaml:8:22 output.max_bytes: expected a size such as 100MB, 95MiB or 50000000, got the string "12XB"',
      '  hint: the README section "Every key" shows an example of each key',
    ]);
  });

  test('wrong types and missing values; a union that matched a mapping reports what is wrong inside it', async () => {
    const config = 'model: m\nsource: {}\ninput: 3\nparams: [1]\ncustom_id: { hash: "id" }\nmessages:\n  - role: user\n    content: [{ type: video }]\n';
    expect((await build(config)).stderr.split('\n').filter((l) => l.startsWith('batch.config.yaml'))).toEqual([
      'batch.config.yaml:2:9 source.path: missing: expected a string or a list',
      'batch.config.yaml:3:8 input: expected a string or a list, got number 3',
      'batch.config.yaml:4:9 params: expected a mapping, got a list',
      'batch.config.yaml:5:20 custom_id.hash: expected a list, got the string "id"',
      'batch.config.yaml:8:23 messages[0].content[0].type: must be one of "text", "image_url", "input_audio", "file", got the string "video"',
    ]);
  });
});

describe('defaults come from the schema', () => {
  test('bedrock ids default to its own template; a written custom_id wins', async () => {
    const { loadConfig } = await import('../../src/config/load.js');
    const base = 'provider: bedrock\nmodel: anthropic.claude-3-haiku\nsource: { path: data/rows.csv }\nparams: { max_tokens: 5 }\nmessages: [{ role: user, content: "{{text}}" }]\n';
    const a = await loadConfig({ cwd: project({ ...DATA, 'batch.config.yaml': base }) });
    expect((a.config?.batches[0]?.customId as { text: string }).text).toBe('request{{@index}}');
    const b = await loadConfig({ cwd: project({ ...DATA, 'batch.config.yaml': base + 'custom_id: "r-{{id}}"\n' }) });
    expect((b.config?.batches[0]?.customId as { text: string }).text).toBe('r-{{id}}');
  });
});

describe('the README "Config rules" table', () => {
  test('has a row per rule, and names only catalogue codes', async () => {
    const { readFileSync } = await import('node:fs');
    const { RULES } = await import('../../src/config/rules/index.js');
    const { E } = await import('../../src/errors/index.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('\n### Config rules\n'), readme.indexOf('\n### Sources\n'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| rule |'));
    // batch-names-unique looks at all entries together, so it runs outside RULES
    expect(rows).toHaveLength(RULES.length + 1);
    const codes = new Set(Object.values(E).map((e) => e.code));
    const named = rows.flatMap((r) => [...r.split('|')[2]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    expect(named.filter((c) => !codes.has(c))).toEqual([]);
  });
});
