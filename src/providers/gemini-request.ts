/**
 * OpenAI-style messages and params → a Gemini GenerateContentRequest, shared by the Gemini API
 * and Vertex AI batch profiles: roles user/model, system messages in `systemInstruction`, params
 * in `generationConfig` (camelCase), images as `fileData` parts. The model is the job's, never in
 * the request.
 */
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { asList, isSystemRole, partsOf, splitDataUrl } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';

/** OpenAI param → generationConfig field */
const GENERATION: Record<string, string> = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  max_tokens: 'maxOutputTokens',
  max_completion_tokens: 'maxOutputTokens',
  n: 'candidateCount',
  seed: 'seed',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  logprobs: 'responseLogprobs',
  top_logprobs: 'logprobs',
};
/** GenerateContentRequest's own fields, passed as given */
const NATIVE = ['safetySettings', 'tools', 'toolConfig', 'cachedContent', 'labels'];

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
    issues.push({ path: [...path, 'url'], message: `${provider} needs the media type of image ${JSON.stringify(url)} and cannot tell it from the name`, hint: 'add mime_type (e.g. image/png) beside url in image_url' });
    return undefined;
  }
  if (mimeType !== undefined) return { fileData: { mimeType, fileUri: url } };
  issues.push({
    path: [...path, 'url'],
    message: `${provider} needs each image's media type, and a templated url is only known per row`,
    hint: 'add mime_type beside url in image_url: a constant such as image/jpeg, or a template such as "{{image_type}}"',
  });
  return undefined;
}

export function geminiRequest(spec: RequestSpec, provider: string): { tree: Tree; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const system: Tree[] = [];
  const contents: Tree[] = [];
  (spec.messages ?? []).forEach((m, i) => {
    const at = ['messages', i];
    if (m.name !== undefined) issues.push({ path: [...at, 'name'], message: `${provider} messages have no name; remove messages[${i}].name` });
    const sys = isSystemRole(m.role);
    if (sys && contents.length) {
      issues.push({ path: [...at, 'role'], message: `${provider} takes system instructions only before the conversation, but messages[${i}] (${m.role}) comes after a user or assistant message`, hint: 'move the system/developer messages to the top' });
      return;
    }
    const parts: Tree[] = [];
    const given = partsOf(m.content);
    if (!given) parts.push({ text: m.content });
    else {
      given.forEach((p, j) => {
        if (p.kind === 'text') parts.push({ text: p.text });
        else if (p.kind === 'image' && !sys) {
          const part = imagePart(p.url, p.mimeType, [...at, 'content', j, 'image_url'], provider, issues);
          if (part !== undefined) parts.push(part);
        } else issues.push({ path: [...at, 'content', j], message: `${provider} cannot take ${p.kind === 'image' ? 'image' : p.type} parts here` });
      });
    }
    if (sys) system.push(...parts);
    else contents.push({ role: m.role === 'assistant' ? 'model' : 'user', parts });
  });
  if (spec.messages && !contents.length) issues.push({ path: ['messages'], message: `${provider} needs at least one user message besides the system instructions` });

  const generationConfig: { [k: string]: Tree } = {};
  const native: { [k: string]: Tree } = {};
  const set = (field: string, v: Tree, k: string) => {
    if (generationConfig[field] !== undefined) issues.push({ path: ['params', k], message: `params.${k} sets generationConfig.${field} a second time` });
    generationConfig[field] = v;
  };
  for (const [k, v] of Object.entries(spec.params)) {
    const field = GENERATION[k];
    if (field) set(field, v, k);
    else if (k === 'stop') {
      const list = asList(v);
      if (list) set('stopSequences', list, k);
      else issues.push({ path: ['params', 'stop'], message: 'params.stop must be a string or a list of strings' });
    } else if (k === 'response_format') responseFormat(v, set, issues);
    else if (k === 'generationConfig' && isPlainObject(v)) for (const [f, x] of Object.entries(v)) set(f, x as Tree, 'generationConfig');
    else if (NATIVE.includes(k)) native[k] = v;
    else {
      issues.push({
        path: ['params', k],
        message: `${provider} has no params.${k}`,
        hint: `${provider} maps ${[...Object.keys(GENERATION), 'stop', 'response_format'].join(', ')}; it also takes generationConfig, ${NATIVE.join(', ')} as given`,
      });
    }
  }
  const tree: { [k: string]: Tree } = { contents };
  if (system.length) tree.systemInstruction = { parts: system };
  if (Object.keys(generationConfig).length) tree.generationConfig = generationConfig;
  Object.assign(tree, native);
  return { tree, issues };
}

/** response_format json_schema → JSON + responseSchema; json_object → JSON; text → plain text. */
function responseFormat(v: Tree, set: (field: string, v: Tree, k: string) => void, issues: SpecIssue[]): void {
  const path = ['params', 'response_format'];
  if (isPlainObject(v) && v.type === 'json_schema') {
    const js = v.json_schema;
    const schema = isPlainObject(js) ? (js as { [k: string]: Tree }).schema : undefined;
    if (schema === undefined) {
      issues.push({ path: [...path, 'json_schema'], message: 'params.response_format.json_schema.schema is missing' });
      return;
    }
    set('responseMimeType', 'application/json', 'response_format');
    set('responseSchema', schema, 'response_format');
  } else if (isPlainObject(v) && v.type === 'json_object') set('responseMimeType', 'application/json', 'response_format');
  else if (isPlainObject(v) && v.type === 'text') set('responseMimeType', 'text/plain', 'response_format');
  else issues.push({ path, message: 'params.response_format must be {type: json_schema, json_schema: {schema}}, {type: json_object} or {type: text}' });
}
