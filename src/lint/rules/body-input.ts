/** Embeddings, completions, responses and moderations bodies carry their text in one field. */
import type { Report } from '../finding.js';
import { M } from '../messages.js';

export function checkInputBody(
  body: Record<string, unknown>,
  key: 'input' | 'prompt',
  endpoint: string,
  no: number,
  report: Report,
): void {
  const v = body[key];
  const path = `body.${key}`;
  if (v === undefined || v === null) report(no, M.missingField(path, `${endpoint} requests need it`));
  else if (typeof v !== 'string' && !Array.isArray(v)) {
    // the Responses API also takes one input item object
    if (endpoint !== 'responses' || typeof v !== 'object') report(no, M.wrongType(path, 'a string or an array', v));
  } else if (v.length === 0 && endpoint !== 'completions') report(no, M.emptyArray(path));
}
