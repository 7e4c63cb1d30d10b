import { describe, expect, it } from 'vitest';
import { vertex } from '../../src/providers/vertex.js';
import { planFor, row, rowProblem, user } from './helpers.js';

const batch = { provider: 'vertex', model: 'gemini-2.5-flash', custom_id: 'q-{{id}}', params: { temperature: 0.4 }, messages: [user('{{q}}')] };

describe('vertex', () => {
  it('writes {request} with no id field, while the plan still renders the id for the manifest', () => {
    expect(planFor(batch).render(row({ id: 7, q: 'Why is the sky blue?' }))).toEqual({
      customId: 'q-7',
      line: '{"request":{"contents":[{"role":"user","parts":[{"text":"Why is the sky blue?"}]}],"generationConfig":{"temperature":0.4}}}',
    });
  });

  it('still rejects a row whose id renders empty', () => {
    expect(rowProblem({ ...batch, custom_id: '{{id}}' }, { id: '', q: 'x' })).toEqual({
      code: 'custom-id-empty',
      kind: 'data',
      severity: 'error',
      message: 'custom_id rendered empty from "{{id}}"',
      hint: 'every request needs an id: use a column that is never empty, or {{@index}}',
      location: { file: 'data/rows.csv', line: 2 },
    });
  });

  it('keeps the id out of the line, 1 GB and 200,000 requests per file', () => {
    expect(vertex.idInLine).toBe(false);
    expect(vertex.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 1_000_000_000, maxLines: 200_000 });
  });
});
