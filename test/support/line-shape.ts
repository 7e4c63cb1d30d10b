/** The OpenAI line family shape, checked on a parsed line: exactly {custom_id, method, url, body}, nothing null or empty. */
import { getProvider } from '../../src/providers/registry.js';

export interface BatchFacts {
  provider: string;
  endpoint: string;
  model: string;
}

/** every place in `v` holding null, "" , [] or {} (the body must not carry empty keys) */
function emptyPlaces(v: unknown, at: string, out: string[]): string[] {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)) {
    out.push(at);
  } else if (Array.isArray(v)) v.forEach((x, i) => emptyPlaces(x, `${at}[${i}]`, out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) emptyPlaces(x, `${at}.${k}`, out);
  return out;
}

/** what is wrong with `line` for a batch with these facts; empty when nothing is */
export function lineShapeProblems(line: Record<string, unknown>, facts: BatchFacts): string[] {
  const profile = getProvider(facts.provider);
  if (!profile) return [`unknown provider ${facts.provider}`];
  if (profile.family !== 'openai') return [`no shape check for the ${profile.family} family`];
  const problems: string[] = [];
  const keys = Object.keys(line).join(',');
  if (keys !== 'custom_id,method,url,body') problems.push(`keys are ${keys}`);
  if (typeof line.custom_id !== 'string' || line.custom_id === '') problems.push('custom_id is not a non-empty string');
  else {
    const rule = profile.customId;
    if (rule.maxBytes !== undefined && Buffer.byteLength(line.custom_id) > rule.maxBytes) problems.push(`custom_id over ${rule.maxBytes} bytes`);
    if (rule.pattern && !rule.pattern.test(line.custom_id)) problems.push(`custom_id breaks ${rule.describe}`);
  }
  if (line.method !== 'POST') problems.push(`method is ${String(line.method)}`);
  if (line.url !== facts.endpoint) problems.push(`url is ${String(line.url)}, not ${facts.endpoint}`);
  const body = line.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return [...problems, 'no body'];
  if (Object.keys(body)[0] !== 'model' || body.model !== facts.model) problems.push(`body does not start with model ${facts.model}`);
  const payload = facts.endpoint.endsWith('/chat/completions') ? 'messages' : facts.endpoint.endsWith('/completions') ? 'prompt' : 'input';
  if (!(payload in body)) problems.push(`body has no ${payload}`);
  if (payload === 'messages' && (!Array.isArray(body.messages) || body.messages.length === 0)) problems.push('messages is not a non-empty list');
  for (const at of emptyPlaces(body, 'body', [])) problems.push(`${at} is null or empty`);
  return problems;
}
