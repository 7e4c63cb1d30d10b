/** A column named like a helper is a column: `{{json}}` reads the field, whatever else the template holds. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { formatProblem } from '../../../src/errors/index.js';
import { RowError } from '../../../src/stages/render/template.js';
import { plans, row } from '../../support/plan.js';

const DATA = { 'data/rows.csv': 'x\n1\n' };

async function render(template: string, data: Record<string, unknown>): Promise<string> {
  const config = `model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: user\n    content: ${JSON.stringify(template)}\n`;
  const [p] = await plans({ ...DATA, 'batch.config.yaml': config });
  const line = JSON.parse(p!.plan.render(row(data)).line) as { body: { messages: Array<{ content: string }> } };
  return line.body.messages[0]!.content;
}

// block parameters (`as |t|`) are left to Handlebars: the same rules hold there
const FALLBACK = '{{#each tags as |t|}}{{t}}{{/each}}';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fields named like helpers', () => {
  const fields = { json: 'J', log: 'L', lookup: 'K', trim: ' T ', upper: 'u', each: 'E', if: 'I', tags: ['a'] };

  test.each([
    ['a plain template', ''],
    ['a template with a block', '{{#if json}}{{/if}}'],
    ['a template left to Handlebars', FALLBACK],
  ])('in %s, {{json}} {{log}} {{lookup}} {{trim}} {{upper}} {{each}} {{if}} read the fields', async (_, extra) => {
    expect(await render(`{{json}}|{{log}}|{{lookup}}|{{trim}}|{{upper}}|{{each}}|{{if}}${extra}`, fields)).toBe(
      `J|L|K| T |u|E|I${extra === FALLBACK ? 'a' : ''}`,
    );
  });

  test('with arguments or in a sub-expression, the name is the helper', async () => {
    expect(await render('{{upper json}} {{trim trim}} {{#if (eq json "J")}}yes{{/if}}', fields)).toBe('J T yes');
  });

  test('a row without the field is a missing field, not a helper call', async () => {
    const config = 'model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: user\n    content: "{{#if x}}{{/if}}{{json}}"\n';
    const [p] = await plans({ ...DATA, 'batch.config.yaml': config });
    let message = '';
    try {
      p!.plan.render(row({ x: 1 }));
    } catch (e) {
      message = formatProblem((e as RowError).problem, { hints: false });
    }
    expect(message).toBe("batch.config.yaml:5:14 messages[0].content: 'json' is not defined in row 1 (data/rows.csv:2)");
  });
});

describe('log', () => {
  test.each([
    ['compiled', ''],
    ['left to Handlebars', FALLBACK],
  ])('renders nothing and writes nothing to stdout or stderr (%s)', async (_, extra) => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const consoles = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    expect(await render(`a{{log "row" json level="error"}}b${extra}`, { json: 'J', tags: [] })).toBe('ab');
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
    for (const c of consoles) expect(c).not.toHaveBeenCalled();
  });
});
