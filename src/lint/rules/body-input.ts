/** Embeddings, completions, responses and moderations bodies carry their text in one field. */
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import { jsonType } from './rule.js';

export function checkInputBody(
  body: Record<string, unknown>,
  key: 'input' | 'prompt',
  endpoint: string,
  no: number,
  report: Report,
): void {
  const v = body[key];
  const path = `body.${key}`;
  if (v === undefined || v === null) report(no, problem(E.LineKeyMissing, { key: path, why: `${endpoint} requests need it` }));
  else if (typeof v !== 'string' && !Array.isArray(v)) {
    // the Responses API also takes one input item object
    if (endpoint !== 'responses' || typeof v !== 'object') report(no, problem(E.LineWrongType, { path, want: 'a string or an array', got: jsonType(v) }));
  } else if (v.length === 0 && endpoint !== 'completions') report(no, problem(E.LineValueEmpty, { path }));
}
