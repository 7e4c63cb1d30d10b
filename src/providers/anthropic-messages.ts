/**
 * OpenAI-style messages and params → an Anthropic Messages request, shared by the Anthropic
 * Message Batches profile and Bedrock's InvokeModel body for Claude. Anthropic keeps system
 * instructions in a top-level `system`, requires `max_tokens`, calls stop strings
 * `stop_sequences` and has its own image blocks and tool shapes.
 */
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { asList, isSystemRole, isText, partsOf } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';

export interface AnthropicDialect {
  /** provider name for messages */
  provider: string;
  /** write string content as one text block (Bedrock's documented lines do) */
  contentAsBlocks: boolean;
  /** an image part's url → an image block, or undefined after pushing an issue */
  image(url: Tree, path: SpecIssue['path'], issues: SpecIssue[]): Tree | undefined;
}

export interface AnthropicRequest {
  max_tokens?: Tree;
  system?: Tree;
  messages: Tree[];
  /** the other params, in config order */
  rest: { [k: string]: Tree };
}

/** OpenAI parameters with no Messages equivalent; a hint where there is a way round. */
const OPENAI_ONLY: Record<string, string | undefined> = {
  response_format: 'for JSON output give a tool with an input_schema and tool_choice: {type: tool, name: …}',
  n: 'send the row several times with a matrix instead',
  presence_penalty: undefined,
  frequency_penalty: undefined,
  logprobs: undefined,
  top_logprobs: undefined,
  logit_bias: undefined,
  seed: undefined,
  parallel_tool_calls: 'use tool_choice: {type: auto, disable_parallel_tool_use: true}',
  stream_options: undefined,
  modalities: undefined,
  audio: undefined,
  prediction: undefined,
  reasoning_effort: 'use thinking: {type: enabled, budget_tokens: …}',
  store: undefined,
  web_search_options: undefined,
  verbosity: undefined,
};

export function anthropicRequest(spec: RequestSpec, dialect: AnthropicDialect): { request: AnthropicRequest; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const { provider } = dialect;
  const system: Tree[] = [];
  let systemHasParts = false;
  const messages: Tree[] = [];
  (spec.messages ?? []).forEach((m, i) => {
    const at = ['messages', i];
    if (m.name !== undefined) issues.push({ path: [...at, 'name'], message: `${provider} messages have no name; remove messages[${i}].name` });
    if (isSystemRole(m.role)) {
      if (messages.length) {
        issues.push({ path: [...at, 'role'], message: `${provider} takes system instructions only before the conversation, but messages[${i}] (${m.role}) comes after a user or assistant message`, hint: 'move the system/developer messages to the top' });
        return;
      }
      const parts = partsOf(m.content);
      if (!parts) {
        system.push({ type: 'text', text: m.content });
      } else {
        systemHasParts = true;
        parts.forEach((p, j) => {
          if (p.kind === 'text') system.push({ type: 'text', text: p.text });
          else issues.push({ path: [...at, 'content', j], message: `${provider} system instructions take text only, not ${p.kind === 'image' ? 'images' : p.type} parts` });
        });
      }
      return;
    }
    const parts = partsOf(m.content);
    let content: Tree;
    if (!parts) content = dialect.contentAsBlocks ? [{ type: 'text', text: m.content }] : m.content;
    else {
      content = [];
      parts.forEach((p, j) => {
        if (p.kind === 'text') (content as Tree[]).push({ type: 'text', text: p.text });
        else if (p.kind === 'image') {
          const block = dialect.image(p.url, [...at, 'content', j, 'image_url', 'url'], issues);
          if (block !== undefined) (content as Tree[]).push(block);
        } else issues.push({ path: [...at, 'content', j], message: `${provider} cannot take ${p.type} parts in batches; use text or image_url parts` });
      });
    }
    messages.push({ role: m.role, content });
  });
  if (spec.messages && !messages.length) issues.push({ path: ['messages'], message: `${provider} needs at least one user message besides the system instructions` });

  const request: AnthropicRequest = { messages, rest: {} };
  if (system.length) request.system = system.length === 1 && !systemHasParts ? (system[0] as { text: Tree }).text : system;
  mapParams(spec.params, request, provider, issues);
  return { request, issues };
}

function mapParams(params: Record<string, Tree>, out: AnthropicRequest, provider: string, issues: SpecIssue[]): void {
  const has = (k: string) => Object.hasOwn(params, k);
  const both = (a: string, b: string) => issues.push({ path: ['params', b], message: `give params.${a} or params.${b}, not both: ${provider} has one ${a}` });
  if (has('max_tokens') && has('max_completion_tokens')) both('max_tokens', 'max_completion_tokens');
  const maxTokens = params.max_tokens ?? params.max_completion_tokens;
  if (maxTokens === undefined) {
    issues.push({ path: ['params', 'max_tokens'], message: `${provider} requires params.max_tokens (the most tokens each response may have)`, hint: 'add e.g. `max_tokens: 1024` under params' });
  } else out.max_tokens = maxTokens;
  for (const [k, v] of Object.entries(params)) {
    if (k === 'max_tokens' || k === 'max_completion_tokens') continue;
    if (k === 'stop') {
      if (has('stop_sequences')) both('stop_sequences', 'stop');
      const list = asList(v);
      if (list) out.rest.stop_sequences = list;
      else issues.push({ path: ['params', 'stop'], message: 'params.stop must be a string or a list of strings' });
    } else if (k === 'user') {
      if (has('metadata')) both('metadata', 'user');
      out.rest.metadata = { user_id: v };
    } else if (k === 'tools') {
      out.rest.tools = Array.isArray(v) ? v.map(anthropicTool) : v;
    } else if (k === 'tool_choice') {
      out.rest.tool_choice = anthropicToolChoice(v);
    } else if (Object.hasOwn(OPENAI_ONLY, k)) {
      const hint = OPENAI_ONLY[k];
      issues.push({ path: ['params', k], message: `params.${k} is an OpenAI parameter that ${provider} does not take`, ...(hint !== undefined && { hint }) });
    } else out.rest[k] = v;
  }
}

/** An OpenAI function tool `{type: function, function: {name, description, parameters}}` as an Anthropic tool; others as given. */
function anthropicTool(t: Tree): Tree {
  if (!isPlainObject(t) || t.type !== 'function' || !isPlainObject(t.function)) return t;
  const f = t.function as { [k: string]: Tree };
  return {
    name: f.name ?? '',
    ...(f.description !== undefined && { description: f.description }),
    input_schema: f.parameters ?? { type: 'object', properties: {} },
  };
}

/** OpenAI tool_choice values in Anthropic's words; Anthropic-shaped values pass. */
function anthropicToolChoice(v: Tree): Tree {
  if (isText(v) && typeof v === 'string') {
    const map: Record<string, Tree> = { auto: { type: 'auto' }, required: { type: 'any' }, none: { type: 'none' } };
    return map[v] ?? v;
  }
  if (isPlainObject(v) && v.type === 'function' && isPlainObject(v.function)) {
    return { type: 'tool', name: (v.function as { [k: string]: Tree }).name ?? '' };
  }
  return v;
}
