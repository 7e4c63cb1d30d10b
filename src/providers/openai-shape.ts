/**
 * The OpenAI line family `{custom_id, method, url, body}` shared by openai, groq, doubleword (and
 * later azure, vllm): the body is the endpoint's normal request — model first, then params in
 * config order, then messages or input.
 */
import type { RequestSpec } from './profile.js';
import type { Tree } from '../stages/render/tree.js';

export function openAiBody(spec: RequestSpec): { [k: string]: Tree } {
  const body: { [k: string]: Tree } = { model: spec.model };
  for (const [k, v] of Object.entries(spec.params)) if (k !== 'model') body[k] = v;
  if (spec.messages) {
    // the Responses API takes the conversation as `input`, chat completions as `messages`
    body[spec.endpoint.endsWith('/responses') ? 'input' : 'messages'] = spec.messages.map((m) => {
      const msg: { [k: string]: Tree } = { role: m.role, content: m.content };
      if (m.name !== undefined) msg.name = m.name;
      return msg;
    });
  } else if (spec.input !== undefined) {
    body[spec.endpoint.endsWith('/completions') && !spec.endpoint.endsWith('/chat/completions') ? 'prompt' : 'input'] = spec.input;
  }
  return body;
}

export function openAiLine(spec: RequestSpec): Tree {
  return { custom_id: spec.customId, method: 'POST', url: spec.endpoint, body: openAiBody(spec) };
}

export const OPENAI_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export const MB = 1_000_000;
export const MiB = 1024 * 1024;
