/**
 * The OpenAI line family `{custom_id, method, url, body}` shared by openai, groq, doubleword (and
 * later azure, vllm): the body is the endpoint's normal request — model first, then params in
 * config order, then messages or input.
 */
import { placeParams, type BodyDeclaration } from './declaration.js';
import type { ProviderProfile, RequestSpec } from './profile.js';
import { isPlainObject, type Tree } from '../stages/render/tree.js';

/**
 * Content parts in the endpoint's own form. Chat takes the config's parts as they are, minus
 * `mime_type` (a hint only gemini/vertex read); the Responses API names them input_text and
 * input_image, with the image URL as a plain string and a detail it requires.
 */
function contentFor(endpoint: string, content: Tree): Tree {
  if (!Array.isArray(content)) return content;
  const responses = endpoint.endsWith('/responses');
  return content.map((part) => {
    if (!isPlainObject(part)) return part;
    const p = part as { [k: string]: Tree };
    if (p.type === 'image_url' && isPlainObject(p.image_url)) {
      const { mime_type: _ignored, ...img } = p.image_url as { [k: string]: Tree };
      if (!responses) return { type: 'image_url', image_url: img };
      // the Responses API's InputImageContent requires detail; auto is the chat API's default
      return { type: 'input_image', image_url: img.url ?? '', detail: img.detail ?? 'auto' };
    }
    if (responses && p.type === 'text') return { type: 'input_text', text: p.text ?? '' };
    return part;
  });
}

/** Endpoints whose one text field is `prompt`, not `input`. */
export function takesPrompt(endpoint: string): boolean {
  return (endpoint.endsWith('/completions') && !endpoint.endsWith('/chat/completions')) || /\/images\/|\/videos$/.test(endpoint);
}

export function openAiBody(spec: RequestSpec, decl: BodyDeclaration): { [k: string]: Tree } {
  const body: { [k: string]: Tree } = { model: spec.model };
  // names only: nothing here converts a value, so no issue can arise (paramIssues found the rest)
  placeParams(decl, spec.params, body, []);
  if (spec.messages) {
    // the Responses API takes the conversation as `input`, chat completions as `messages`
    body[spec.endpoint.endsWith('/responses') ? 'input' : 'messages'] = spec.messages.map((m) => {
      const msg: { [k: string]: Tree } = { role: m.role, content: contentFor(spec.endpoint, m.content) };
      if (m.name !== undefined) msg.name = m.name;
      return msg;
    });
  } else if (spec.input !== undefined) {
    body[takesPrompt(spec.endpoint) ? 'prompt' : 'input'] = spec.input;
  }
  return body;
}

/** The `line` of an OpenAI-family profile: its body declaration decides the param names. */
export function openAiLine(body: ProviderProfile['body']): (spec: RequestSpec) => Tree {
  return (spec) => ({ custom_id: spec.customId, method: 'POST', url: spec.endpoint, body: openAiBody(spec, body(spec.endpoint, spec.apiVersion)) });
}

export const OPENAI_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export const MB = 1_000_000;
export const MiB = 1024 * 1024;
