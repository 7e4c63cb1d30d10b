/**
 * OpenAI-style messages and params → a Bedrock Converse request body (for a batch job whose
 * model invocation type is Converse): text and image content blocks, `system` as text blocks,
 * sampling params in `inferenceConfig`, top_k in `additionalModelRequestFields`.
 */
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { dataUrlTrees } from './data-url.js';
import { asList, isSystemRole, partsOf } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';

const INFERENCE: Record<string, string> = { max_tokens: 'maxTokens', max_completion_tokens: 'maxTokens', temperature: 'temperature', top_p: 'topP' };
/** Converse's own top-level fields, passed as given */
const NATIVE = ['toolConfig', 'guardrailConfig', 'performanceConfig', 'promptVariables', 'requestMetadata'];

export function converseRequest(spec: RequestSpec, provider: string): { tree: Tree; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const system: Tree[] = [];
  const messages: Tree[] = [];
  (spec.messages ?? []).forEach((m, i) => {
    const at = ['messages', i];
    if (m.name !== undefined) issues.push({ path: [...at, 'name'], message: `${provider} messages have no name; remove messages[${i}].name` });
    const parts = partsOf(m.content);
    const blocks: Tree[] = [];
    if (!parts) blocks.push({ text: m.content });
    else {
      parts.forEach((p, j) => {
        if (p.kind === 'text') blocks.push({ text: p.text });
        else if (p.kind === 'image' && !isSystemRole(m.role)) {
          const d = dataUrlTrees(p.url, provider);
          if (d) blocks.push({ image: { format: d.format, source: { bytes: d.data } } });
          else issues.push({ path: [...at, 'content', j, 'image_url', 'url'], message: `${provider} takes images as base64 data: URLs, not ${JSON.stringify(p.url)}` });
        } else issues.push({ path: [...at, 'content', j], message: `${provider} cannot take ${p.kind === 'image' ? 'image' : p.type} parts here` });
      });
    }
    if (isSystemRole(m.role)) {
      if (messages.length) issues.push({ path: [...at, 'role'], message: `${provider} takes system instructions only before the conversation, but messages[${i}] (${m.role}) comes after a user or assistant message`, hint: 'move the system/developer messages to the top' });
      else system.push(...blocks);
    } else messages.push({ role: m.role, content: blocks });
  });
  if (spec.messages && !messages.length) issues.push({ path: ['messages'], message: `${provider} needs at least one user message besides the system instructions` });

  const inferenceConfig: { [k: string]: Tree } = {};
  const additional: { [k: string]: Tree } = {};
  const native: { [k: string]: Tree } = {};
  for (const [k, v] of Object.entries(spec.params)) {
    const name = INFERENCE[k];
    if (name) {
      if (inferenceConfig[name] !== undefined) issues.push({ path: ['params', k], message: `params.${k} sets inferenceConfig.${name} a second time` });
      inferenceConfig[name] = v;
    } else if (k === 'stop') {
      const list = asList(v);
      if (list) inferenceConfig.stopSequences = list;
      else issues.push({ path: ['params', 'stop'], message: 'params.stop must be a string or a list of strings' });
    } else if (k === 'top_k') additional.top_k = v;
    else if (k === 'additionalModelRequestFields' && isPlainObject(v)) Object.assign(additional, v);
    else if (NATIVE.includes(k)) native[k] = v;
    else {
      issues.push({
        path: ['params', k],
        message: `${provider} (Converse) has no params.${k}`,
        hint: `Converse maps max_tokens, temperature, top_p, stop and top_k; it also takes ${NATIVE.join(', ')} and additionalModelRequestFields as given`,
      });
    }
  }
  const tree: { [k: string]: Tree } = { messages };
  if (system.length) tree.system = system;
  if (Object.keys(inferenceConfig).length) tree.inferenceConfig = inferenceConfig;
  if (Object.keys(additional).length) tree.additionalModelRequestFields = additional;
  Object.assign(tree, native);
  return { tree, issues };
}
