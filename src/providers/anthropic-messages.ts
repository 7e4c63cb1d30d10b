/**
 * OpenAI-style messages and params → an Anthropic Messages request, shared by the Anthropic
 * Message Batches profile and Bedrock's InvokeModel body for Claude. Anthropic keeps system
 * instructions in a top-level `system`, requires `max_tokens`, calls stop strings
 * `stop_sequences`, takes structured output as `output_config.format` and has its own image
 * blocks and tool shapes. Which params a body takes is the caller's declaration.
 */
import { E } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { splitConversation, partRefused } from './conversation.js';
import { placeParams, type BodyDeclaration, type Convert } from './declaration.js';
import { asList, isText, partsOf } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';
import { issue } from './spec-issues.js';

export interface AnthropicDialect {
  /** provider name for messages */
  provider: string;
  /** what the body accepts */
  decl: BodyDeclaration;
  /** write string content as one text block (Bedrock's documented lines do) */
  contentAsBlocks: boolean;
  /** an image part's url → an image block, or undefined after pushing an issue */
  image(url: Tree, path: SpecIssue['path'], issues: SpecIssue[]): Tree | undefined;
}

export interface AnthropicRequest {
  system?: Tree;
  messages: Tree[];
  /** the params under Anthropic's names, max_tokens first */
  params: { [k: string]: Tree };
}

/** OpenAI parameters with no Messages equivalent, and what to do instead: shared by Anthropic and Bedrock. */
export const ANTHROPIC_REFUSED: Record<string, string> = {
  n: 'send the row several times with a matrix instead',
  presence_penalty: 'Claude has no presence_penalty; remove it',
  frequency_penalty: 'Claude has no frequency_penalty; remove it',
  logprobs: 'Claude returns no logprobs; remove it',
  top_logprobs: 'Claude returns no logprobs; remove it',
  logit_bias: 'Claude has no logit_bias; remove it',
  seed: 'Claude has no seed; remove it',
  parallel_tool_calls: 'use tool_choice: {type: auto, disable_parallel_tool_use: true}',
  stream_options: 'batch requests cannot stream; remove it',
  stream: 'batch requests cannot stream; remove it',
  modalities: 'Claude answers in text; remove it',
  audio: 'Claude answers in text; remove it',
  prediction: 'Claude has no predicted outputs; remove it',
  reasoning_effort: 'use thinking: {type: enabled, budget_tokens: …}',
  store: 'Claude has no store; remove it',
  web_search_options: 'give the web search tool in tools instead',
  verbosity: 'Claude has no verbosity; say it in the system prompt',
};

/** Translations of OpenAI values into Anthropic's shapes, by config param. */
const CONVERT: Record<string, Convert> = {
  stop: (v, issues) => {
    const list = asList(v);
    if (!list) issues.push(issue(['params', 'stop'], E.ParamShape, { key: 'stop', want: 'a string or a list of strings' }));
    return list && { stop_sequences: list };
  },
  user: (v) => ({ 'metadata.user_id': v }),
  tools: (v) => ({ tools: Array.isArray(v) ? v.map(anthropicTool) : v }),
  tool_choice: (v) => ({ tool_choice: anthropicToolChoice(v) }),
  response_format: (v, issues) => {
    const schema = isPlainObject(v) && v.type === 'json_schema' && isPlainObject(v.json_schema) ? (v.json_schema as { [k: string]: Tree }).schema : undefined;
    if (schema === undefined) {
      issues.push(issue(['params', 'response_format'], E.ParamShape, { key: 'response_format', want: '{type: json_schema, json_schema: {schema: …}} for Claude (structured outputs take a JSON Schema)' }));
      return undefined;
    }
    return { 'output_config.format': { type: 'json_schema', schema } };
  },
};

export function anthropicRequest(spec: RequestSpec, dialect: AnthropicDialect): { request: AnthropicRequest; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const { provider } = dialect;
  const { system: sys, turns } = splitConversation(spec, provider, issues);
  const system: Tree[] = [];
  let systemHasParts = false;
  for (const t of sys) {
    const parts = partsOf(t.content);
    if (!parts) system.push({ type: 'text', text: t.content });
    else {
      systemHasParts = true;
      parts.forEach((p, j) => {
        if (p.kind === 'text') system.push({ type: 'text', text: p.text });
        else issues.push(partRefused(provider, t, j, p.kind === 'image' ? 'image_url' : p.type, 'system'));
      });
    }
  }
  const messages: Tree[] = turns.map((t) => {
    const parts = partsOf(t.content);
    if (!parts) return { role: t.role, content: dialect.contentAsBlocks ? [{ type: 'text', text: t.content }] : t.content };
    const content: Tree[] = [];
    parts.forEach((p, j) => {
      if (p.kind === 'text') content.push({ type: 'text', text: p.text });
      else if (p.kind === 'image') {
        const block = dialect.image(p.url, ['messages', t.index, 'content', j, 'image_url', 'url'], issues);
        if (block !== undefined) content.push(block);
      } else issues.push(partRefused(provider, t, j, p.type, 'message'));
    });
    return { role: t.role, content };
  });

  const request: AnthropicRequest = { messages, params: {} };
  if (system.length) request.system = system.length === 1 && !systemHasParts ? (system[0] as { text: Tree }).text : system;
  if (spec.params.max_tokens === undefined && spec.params.max_completion_tokens === undefined) {
    issues.push(issue(['params', 'max_tokens'], E.ParamRequired, { provider, key: 'max_tokens', why: 'the most tokens each response may have', example: 'max_tokens: 1024' }));
  }
  placeParams(dialect.decl, spec.params, request.params, issues, CONVERT);
  return { request, issues };
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
