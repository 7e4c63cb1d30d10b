/**
 * Input tokens of a rendered request, counted with gpt-tokenizer (a pure-JS port of OpenAI's
 * tiktoken). Message contents are tokenized exactly; the chat framing is OpenAI's published rule
 * of thumb (cookbook "How to count tokens"): 3 tokens per message, the role's tokens, 1 more for
 * a name, and 3 that prime the reply. Image, audio and file parts are not counted (they are
 * priced by size, not by text). Models outside OpenAI's families are counted with o200k_base and
 * reported as an estimate. The encodings are loaded on first use only: their tables cost ~100 ms.
 */
import type { Json } from '../stages/render/tree.js';

export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface ModelEncoding {
  encoding: EncodingName;
  /** true when the encoding is the model's own; false = an estimate */
  exact: boolean;
}

const O200K = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|codex-)/;
const CL100K = /^(gpt-4|gpt-3\.5|text-embedding-)/;

export function encodingFor(model: string): ModelEncoding {
  if (O200K.test(model)) return { encoding: 'o200k_base', exact: true };
  if (CL100K.test(model)) return { encoding: 'cl100k_base', exact: true };
  return { encoding: 'o200k_base', exact: false };
}

/** tokens around every chat message, and once per request to prime the reply */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const TOKENS_PER_REPLY = 3;

export type CountText = (text: string) => number;

/** Loads the encoding's tokenizer (cached by the module system). */
export async function loadTokenizer(encoding: EncodingName): Promise<CountText> {
  const mod =
    encoding === 'o200k_base' ? await import('gpt-tokenizer/encoding/o200k_base') : await import('gpt-tokenizer/encoding/cl100k_base');
  // special-token text in user data (e.g. "<|endoftext|>") is ordinary text to the API: count it as such
  return (text) => mod.countTokens(text, { disallowedSpecial: new Set() });
}

function contentTokens(count: CountText, content: Json): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (part && typeof part === 'object' && !Array.isArray(part) && part.type === 'text' && typeof part.text === 'string') n += count(part.text);
  }
  return n;
}

function inputTokens(count: CountText, input: Json): number {
  if (typeof input === 'string') return count(input);
  if (!Array.isArray(input)) return 0;
  let n = 0;
  for (const x of input) {
    if (typeof x === 'string') n += count(x);
    else if (typeof x === 'number') n++; // an input given as token ids
    else if (Array.isArray(x)) n += x.length;
  }
  return n;
}

/** The request body inside one JSONL line, whatever the provider's line family. */
export function requestBody(line: Record<string, Json>): Record<string, Json> {
  const inner = line.body ?? line.params ?? line.request ?? line.modelInput;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : line;
}

/** Input tokens of one request body: chat messages, or input / prompt. */
export function countRequestTokens(count: CountText, body: Record<string, Json>): number {
  const messages = body.messages;
  if (Array.isArray(messages)) {
    let n = TOKENS_PER_REPLY;
    for (const m of messages) {
      if (!m || typeof m !== 'object' || Array.isArray(m)) continue;
      n += TOKENS_PER_MESSAGE;
      if (typeof m.role === 'string') n += count(m.role);
      if (m.content !== undefined) n += contentTokens(count, m.content);
      if (typeof m.name === 'string') n += count(m.name) + TOKENS_PER_NAME;
    }
    return n;
  }
  if (body.input !== undefined) return inputTokens(count, body.input);
  if (body.prompt !== undefined) return inputTokens(count, body.prompt);
  return 0;
}

/** A counter for rendered lines of one model: line → input tokens. */
export async function lineTokenCounter(model: string): Promise<(line: string) => number> {
  const count = await loadTokenizer(encodingFor(model).encoding);
  return (line) => countRequestTokens(count, requestBody(JSON.parse(line) as Record<string, Json>));
}
