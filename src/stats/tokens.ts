/**
 * Input tokens of a rendered request, counted with gpt-tokenizer (a pure-JS port of OpenAI's
 * tiktoken), for every provider's line shape. Text is tokenized exactly; the chat framing is
 * OpenAI's published rule of thumb (cookbook "How to count tokens"): 3 tokens per message, the
 * role's tokens, 1 more for a name, and 3 that prime the reply. Image, audio and file parts are
 * not counted (they are priced by size, not by text). Models outside OpenAI's families are counted with o200k_base and
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

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON the model is shown as text (tool definitions, output schemas): counted as its compact JSON. */
function jsonTokens(count: CountText, v: Json | undefined): number {
  return v === undefined || v === null ? 0 : count(JSON.stringify(v));
}

/**
 * A content value in any provider's shape: a string; OpenAI parts ({type: text|input_text, text});
 * Anthropic blocks (text, tool_use input, tool_result content); Converse and Gemini blocks ({text}).
 * Images, audio and files are priced by size, not text, and are not counted.
 */
function contentTokens(count: CountText, content: Json | undefined): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return isObj(content) ? contentTokens(count, [content]) : 0;
  let n = 0;
  for (const part of content) {
    if (typeof part === 'string') n += count(part);
    else if (!isObj(part)) continue;
    else if (typeof part.text === 'string') n += count(part.text);
    else if (part.type === 'tool_use') n += jsonTokens(count, part.input);
    else if (part.type === 'tool_result') n += contentTokens(count, part.content);
  }
  return n;
}

/** messages of the OpenAI, Anthropic, Bedrock and Responses shapes; Gemini contents (parts) */
function turnsTokens(count: CountText, turns: Json[]): number {
  let n = TOKENS_PER_REPLY;
  for (const m of turns) {
    if (!isObj(m)) {
      if (typeof m === 'string') n += count(m);
      continue;
    }
    n += TOKENS_PER_MESSAGE;
    if (typeof m.role === 'string') n += count(m.role);
    n += contentTokens(count, m.content ?? m.parts);
    if (typeof m.name === 'string') n += count(m.name) + TOKENS_PER_NAME;
  }
  return n;
}

function inputTokens(count: CountText, input: Json): number {
  if (typeof input === 'string') return count(input);
  if (!Array.isArray(input)) return 0;
  // the Responses API's input may be a conversation
  if (input.some(isObj)) return turnsTokens(count, input);
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

/**
 * Input tokens of one request body in any provider's shape — what the provider bills as input:
 * the conversation (messages, Gemini contents, Responses input), system instructions outside it
 * (Anthropic/Bedrock system, Gemini systemInstruction, Responses instructions), the text of
 * embeddings and completions, and the tool definitions and output schemas the model is shown.
 * Tools and schemas are counted as their compact JSON: providers render them in formats of their
 * own, so this is close, not exact (Anthropic also adds a fixed tool-use system prompt per model).
 */
export function countRequestTokens(count: CountText, body: Record<string, Json>): number {
  let n = 0;
  if (Array.isArray(body.messages)) n += turnsTokens(count, body.messages);
  if (Array.isArray(body.contents)) n += turnsTokens(count, body.contents);
  if (body.system !== undefined) n += TOKENS_PER_MESSAGE + contentTokens(count, body.system);
  if (isObj(body.systemInstruction)) n += TOKENS_PER_MESSAGE + contentTokens(count, body.systemInstruction.parts);
  if (typeof body.instructions === 'string') n += TOKENS_PER_MESSAGE + count(body.instructions);
  if (body.input !== undefined) n += inputTokens(count, body.input);
  if (body.prompt !== undefined) n += inputTokens(count, body.prompt);
  // what the model is shown besides the conversation
  n += jsonTokens(count, body.tools);
  n += jsonTokens(count, body.functions);
  if (isObj(body.toolConfig)) n += jsonTokens(count, body.toolConfig.tools);
  if (isObj(body.response_format)) n += jsonTokens(count, body.response_format.json_schema);
  if (isObj(body.text)) n += jsonTokens(count, body.text.format);
  if (isObj(body.output_config)) n += jsonTokens(count, body.output_config.format);
  if (isObj(body.generationConfig)) n += jsonTokens(count, body.generationConfig.responseJsonSchema ?? body.generationConfig.responseSchema);
  return n;
}

/** Where each provider's body bounds its output: every declaration's outputLimit (a test keeps them in step), first found wins. */
export const OUTPUT_PATHS = ['max_completion_tokens', 'max_tokens', 'max_output_tokens', 'generationConfig.maxOutputTokens', 'inferenceConfig.maxTokens'];

/** The body's output-token bound, in any provider's shape; null when it has none. */
export function outputBound(body: Record<string, Json>): number | null {
  for (const path of OUTPUT_PATHS) {
    let v: Json | undefined = body;
    for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return null;
}

/** A counter for rendered lines of one model: line → input tokens. */
export async function lineTokenCounter(model: string): Promise<(line: string) => number> {
  const count = await loadTokenizer(encodingFor(model).encoding);
  return (line) => countRequestTokens(count, requestBody(JSON.parse(line) as Record<string, Json>));
}
