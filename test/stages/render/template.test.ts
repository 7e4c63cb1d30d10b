import { describe, expect, test } from 'vitest';
import { BatchforgeError, formatProblem } from '../../../src/errors/index.js';
import { RowError } from '../../../src/stages/render/template.js';
import { plans, row } from '../../support/plan.js';

const DATA = { 'data/rows.csv': 'x\n1\n' };
const config = (content: string) =>
  `model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: system\n    template: templates/system.hbs\n  - role: user\n    content: ${content}\n`;

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  try {
    await plans(files);
    return [];
  } catch (e) {
    if (!(e instanceof BatchforgeError)) throw e;
    return e.problems.map((p) => formatProblem(p, { hints: false }));
  }
}

function renderError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RowError) return formatProblem(e.problem, { hints: false });
    throw e;
  }
  throw new Error('no error');
}

describe('strict templates', () => {
  test('a missing field names the field, the template file with line:col, and the source row', async () => {
    const [p] = await plans({ ...DATA, 'batch.config.yaml': config('"{{q}}"'), 'templates/system.hbs': 'You answer.\nState: {{stat}}\n' });
    expect(renderError(() => p!.plan.render(row({ q: 'x', state: 'Ohio' }, 11, 13)))).toBe(
      "templates/system.hbs:2:10: 'stat' is not defined in row 12 (data/rows.csv:13)",
    );
  });

  test('a missing nested field names its whole path; inline templates point at the config key', async () => {
    const [p] = await plans({ ...DATA, 'batch.config.yaml': config('"{{user.name}}"'), 'templates/system.hbs': 'S' });
    expect(renderError(() => p!.plan.render(row({ user: {} })))).toBe(
      "batch.config.yaml:7:14 messages[1].content: 'user.name' is not defined in row 1 (data/rows.csv:2)",
    );
  });

  test('a template syntax error is found before any row is read', async () => {
    expect(await problemsOf({ ...DATA, 'batch.config.yaml': config('"{{q}}"'), 'templates/system.hbs': 'a\n{{#if x}}b\n' })).toEqual([
      'templates/system.hbs:3: template syntax error: unexpected EOF (an unclosed {{#block}} or a stray }} ?)',
    ]);
  });

  test('unknown partials and helpers are found up front, with suggestions', async () => {
    expect(
      await problemsOf({ ...DATA, 'batch.config.yaml': config('"{{uper q}}"'), 'templates/system.hbs': 'x {{> tone}}', 'templates/partials/style.hbs': 's' }),
    ).toEqual([
      'templates/system.hbs:1:3: partial "tone" is not defined',
      'batch.config.yaml:7:14 messages[1].content: unknown helper "uper" (did you mean "upper"?)',
    ]);
  });

  test('partials come from templates/partials, sub-folders included', async () => {
    const [p] = await plans({
      ...DATA,
      'batch.config.yaml': config('"{{> shots/geo}}{{q}}"'),
      'templates/system.hbs': '{{> style}}',
      'templates/partials/style.hbs': 'Be brief.',
      'templates/partials/shots/geo.hbs': 'Q: Paris? A: France\n',
    });
    const line = JSON.parse(p!.plan.render(row({ q: 'Rome?' })).line);
    expect(line.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Q: Paris? A: France\nRome?' },
    ]);
  });
});

describe('what a request can hold', () => {
  test('multimodal parts with an image URL from a column, templated params such as metadata', async () => {
    const cfg = `model: gpt-4o
params:
  max_completion_tokens: 50
  metadata: { sku: "{{sku}}", fixed: "x" }
  response_format: { type: json_object }
source: { path: data/rows.csv }
custom_id: "img-{{sku}}"
messages:
  - role: user
    content:
      - type: text
        text: "Describe {{name}}"
      - type: image_url
        image_url: { url: "{{image}}", detail: low }
`;
    const [p] = await plans({ ...DATA, 'batch.config.yaml': cfg });
    const r = p!.plan.render(row({ sku: 'A1', name: 'a lamp', image: 'https://x.test/a.png' }));
    expect(r.customId).toBe('img-A1');
    expect(r.line).toBe(
      '{"custom_id":"img-A1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o","max_completion_tokens":50,' +
        '"metadata":{"sku":"A1","fixed":"x"},"response_format":{"type":"json_object"},"messages":[{"role":"user","content":' +
        '[{"type":"text","text":"Describe a lamp"},{"type":"image_url","image_url":{"url":"https://x.test/a.png","detail":"low"}}]}]}}',
    );
  });

  test('embeddings: input instead of messages, on /v1/embeddings', async () => {
    const [p] = await plans({ ...DATA, 'batch.config.yaml': 'model: text-embedding-3-small\nsource: { path: data/rows.csv }\ncustom_id: "d{{@index}}"\ninput: "{{t}}"\n' });
    expect(p!.plan.render(row({ t: 'hello' }, 3)).line).toBe(
      '{"custom_id":"d3","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"hello"}}',
    );
  });

  test('an empty message content or custom_id is an error, not a request', async () => {
    const [p] = await plans({ ...DATA, 'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\n' });
    expect(renderError(() => p!.plan.render(row({ id: 'a', q: '  ' })))).toBe('data/rows.csv:2: messages[0].content rendered empty for request "a"');
    expect(renderError(() => p!.plan.render(row({ id: '', q: 'x' })))).toBe('data/rows.csv:2: custom_id rendered empty from "{{id}}"');
  });
});

describe('errors inside partials', () => {
  const files = (user: string) => ({
    ...DATA,
    'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: user\n    template: templates/user.hbs\n',
    'templates/user.hbs': user,
    'templates/partials/sig.hbs': 'Thanks,\nYours truly {{signer}}\n',
    'templates/partials/outer.hbs': 'Before\n{{> sig}}',
  });

  test.each([
    ['compiled', 'Dear {{name}},\n  {{> sig}}'],
    ['through another partial', 'Dear {{name}},\n{{> outer}}'],
    ['left to Handlebars', 'Dear {{name}},{{#each tags as |t|}}{{t}}{{/each}}\n  {{> sig}}'],
  ])('name the partial file, line and column (%s)', async (_, user) => {
    const [p] = await plans(files(user));
    expect(renderError(() => p!.plan.render(row({ name: 'Ann', tags: [] })))).toBe(
      "templates/partials/sig.hbs:2:15: 'signer' is not defined in row 1 (data/rows.csv:2)",
    );
  });

  test('an error in the template itself still names the template', async () => {
    const [p] = await plans(files('Dear {{name}},\n  {{> sig}}'));
    expect(renderError(() => p!.plan.render(row({ signer: 'Bo' })))).toBe("templates/user.hbs:1:8: 'name' is not defined in row 1 (data/rows.csv:2)");
  });
});

describe('matrix variants', () => {
  test('share the hole of a template that reads no @-variable, and each renders its own where one does', async () => {
    const [a, b] = await plans({
      ...DATA,
      'batch.config.yaml':
        'model: m\nmatrix: { model: [m1, m2] }\nsource: { path: data/rows.csv }\ncustom_id: "r{{@index}}-{{@matrix.model}}"\nmessages:\n  - { role: system, content: "S {{@matrix.model}}" }\n  - { role: user, content: "U {{q}}" }\n',
    });
    const [idA, systemA, userA] = a!.plan.fragments.holes;
    const [idB, systemB, userB] = b!.plan.fragments.holes;
    expect(userA).toBe(userB);
    expect(systemA).not.toBe(systemB);
    expect(idA).not.toBe(idB);
    const r = row({ q: 'quote "me"' });
    const lines = [a, b, a, b].map((p) => p!.plan.render(r).line);
    const m1 = '{"custom_id":"r0-m1","method":"POST","url":"/v1/chat/completions","body":{"model":"m1","messages":[{"role":"system","content":"S m1"},{"role":"user","content":"U quote \\"me\\""}]}}';
    const m2 = m1.replace(/m1/g, 'm2');
    expect(lines).toEqual([m1, m2, m1, m2]);
    // a new row object renders anew, also when it holds the same values
    expect(a!.plan.render(row({ q: 'next' })).line).toContain('"U next"');
    expect(b!.plan.render(row({ q: 'next' })).line).toContain('"U next"');
  });
});
