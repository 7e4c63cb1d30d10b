/**
 * OpenAI-style messages and params → a Gemini GenerateContentRequest, shared by the Gemini API
 * and Vertex AI batch profiles: roles user/model, system messages in `systemInstruction`, params
 * in `generationConfig` (camelCase), images as `fileData` parts. The model is the job's, never in
 * the request.
 *
 * Structured output: OpenAI's json_schema is JSON Schema, which Gemini takes as
 * `generationConfig.responseJsonSchema` (its `responseSchema` is an OpenAPI subset that answers
 * lower-case types and additionalProperties with 400). Tools: OpenAI function tools become one
 * `{functionDeclarations}` tool with each function's JSON Schema as `parametersJsonSchema`, and
 * tool_choice becomes `toolConfig.functionCallingConfig` — the fields @google/genai declares.
 */
import { E } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { partRefused, splitConversation, type Turn } from './conversation.js';
import { accept, placeParams, refuse, rename, type BodyDeclaration, type Convert } from './declaration.js';
import { asList, partsOf, splitDataUrl } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';
import { issue } from './spec-issues.js';

export function geminiBody(follows: string, own: readonly string[]): BodyDeclaration {
  return {
    follows,
    params: {
      ...rename({
        temperature: 'generationConfig.temperature',
        top_p: 'generationConfig.topP',
        top_k: 'generationConfig.topK',
        max_tokens: 'generationConfig.maxOutputTokens',
        max_completion_tokens: 'generationConfig.maxOutputTokens',
        n: 'generationConfig.candidateCount',
        seed: 'generationConfig.seed',
        presence_penalty: 'generationConfig.presencePenalty',
        frequency_penalty: 'generationConfig.frequencyPenalty',
        logprobs: 'generationConfig.responseLogprobs',
        top_logprobs: 'generationConfig.logprobs',
        stop: 'generationConfig.stopSequences',
        response_format: 'generationConfig.responseJsonSchema',
        tool_choice: 'toolConfig',
      }),
      ...accept('generationConfig', 'safetySettings', 'tools', 'toolConfig', 'cachedContent', ...own),
      ...refuse({
        user: 'Gemini requests have no user field; remove it',
        parallel_tool_calls: 'Gemini has no parallel_tool_calls; remove it',
        logit_bias: 'Gemini has no logit_bias; remove it',
        reasoning_effort: 'use generationConfig: {thinkingConfig: {thinkingBudget: …}}',
        stream: 'batch requests cannot stream; remove stream',
      }),
    },
    structural: ['contents', 'systemInstruction'],
    outputLimit: ['generationConfig.maxOutputTokens'],
  };
}

const CONVERT: Record<string, Convert> = {
  stop: (v, issues) => {
    const list = asList(v);
    if (!list) issues.push(issue(['params', 'stop'], E.ParamShape, { key: 'stop', want: 'a string or a list of strings' }));
    return list && { 'generationConfig.stopSequences': list };
  },
  response_format: responseFormat,
  // its fields one by one, so that one also set by an OpenAI-style param is noticed
  generationConfig: (v) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [`generationConfig.${k}`, x as Tree])) : { generationConfig: v }),
  tools: (v) => ({ tools: geminiTools(v) }),
  tool_choice: (v, issues) => {
    const config = functionCallingConfig(v);
    if (!config) issues.push(issue(['params', 'tool_choice'], E.ParamShape, { key: 'tool_choice', want: 'auto, none, required or {type: function, function: {name: …}}' }));
    return config === undefined ? undefined : { toolConfig: { functionCallingConfig: config } };
  },
};

/** Media types Gemini reads, by file extension, for constant image URLs. */
const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

export function mimeTypeOfUrl(url: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(url)?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXTENSION[ext] : undefined;
}

function imagePart(url: Tree, mimeType: Tree | undefined, path: SpecIssue['path'], provider: string, issues: SpecIssue[]): Tree | undefined {
  if (typeof url === 'string') {
    const d = splitDataUrl(url);
    if (d) return { inlineData: { mimeType: d.mediaType, data: d.data } };
    const type = mimeType ?? mimeTypeOfUrl(url);
    if (type !== undefined) return { fileData: { mimeType: type, fileUri: url } };
    issues.push(issue([...path, 'url'], E.ImageTypeUnknown, { provider, url }));
    return undefined;
  }
  if (mimeType !== undefined) return { fileData: { mimeType, fileUri: url } };
  issues.push(issue([...path, 'url'], E.ImageTypeUnknown, { provider }));
  return undefined;
}

function geminiParts(provider: string, t: Turn, where: 'system' | 'message', issues: SpecIssue[]): Tree[] {
  const given = partsOf(t.content);
  if (!given) return [{ text: t.content }];
  const parts: Tree[] = [];
  given.forEach((p, j) => {
    if (p.kind === 'text') parts.push({ text: p.text });
    else if (p.kind === 'image' && where === 'message') {
      const part = imagePart(p.url, p.mimeType, ['messages', t.index, 'content', j, 'image_url'], provider, issues);
      if (part !== undefined) parts.push(part);
    } else issues.push(partRefused(provider, t, j, p.kind === 'image' ? 'image_url' : p.type, where));
  });
  return parts;
}

export function geminiRequest(spec: RequestSpec, provider: string, decl: BodyDeclaration): { tree: Tree; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const { system, turns } = splitConversation(spec, provider, issues);
  const tree: { [k: string]: Tree } = {
    contents: turns.map((t) => ({ role: t.role === 'assistant' ? 'model' : 'user', parts: geminiParts(provider, t, 'message', issues) })),
  };
  if (system.length) tree.systemInstruction = { parts: system.flatMap((t) => geminiParts(provider, t, 'system', issues)) };
  placeParams(decl, spec.params, tree, issues, CONVERT);
  return { tree, issues };
}

/** response_format json_schema → JSON + responseJsonSchema; json_object → JSON; text → plain text. */
function responseFormat(v: Tree, issues: SpecIssue[]): Record<string, Tree> | undefined {
  if (isPlainObject(v) && v.type === 'json_schema') {
    const js = v.json_schema;
    const schema = isPlainObject(js) ? (js as { [k: string]: Tree }).schema : undefined;
    if (schema !== undefined) return { 'generationConfig.responseMimeType': 'application/json', 'generationConfig.responseJsonSchema': schema };
  } else if (isPlainObject(v) && v.type === 'json_object') return { 'generationConfig.responseMimeType': 'application/json' };
  else if (isPlainObject(v) && v.type === 'text') return { 'generationConfig.responseMimeType': 'text/plain' };
  issues.push(issue(['params', 'response_format'], E.ParamShape, { key: 'response_format', want: '{type: json_schema, json_schema: {schema: …}}, {type: json_object} or {type: text}' }));
  return undefined;
}

/** OpenAI function tools gathered into one Gemini tool of functionDeclarations; Gemini tools as given, after it. */
function geminiTools(v: Tree): Tree {
  if (!Array.isArray(v)) return v;
  const declarations: Tree[] = [];
  const others: Tree[] = [];
  for (const t of v) {
    if (isPlainObject(t) && t.type === 'function' && isPlainObject(t.function)) {
      const f = t.function as { [k: string]: Tree };
      declarations.push({
        name: f.name ?? '',
        ...(f.description !== undefined && { description: f.description }),
        ...(f.parameters !== undefined && { parametersJsonSchema: f.parameters }),
      });
    } else others.push(t);
  }
  return declarations.length ? [{ functionDeclarations: declarations }, ...others] : others;
}

/** OpenAI tool_choice → Gemini's functionCallingConfig. */
function functionCallingConfig(v: Tree): Tree | undefined {
  const modes: Record<string, string> = { auto: 'AUTO', none: 'NONE', required: 'ANY' };
  if (typeof v === 'string' && Object.hasOwn(modes, v)) return { mode: modes[v]! };
  if (isPlainObject(v) && v.type === 'function' && isPlainObject(v.function)) {
    return { mode: 'ANY', allowedFunctionNames: [(v.function as { [k: string]: Tree }).name ?? ''] };
  }
  return undefined;
}
