/**
 * OpenAI-style messages and params → a Bedrock Converse request body (for a batch job whose
 * model invocation type is Converse): text and image content blocks, `system` as text blocks,
 * sampling params in `inferenceConfig`, top_k in `additionalModelRequestFields`. Tools are
 * refused: AWS documents that batch inference does not support tool calling for jobs using the
 * Converse invocation type, and answers such records with 400.
 */
import type { Tree } from '../stages/render/tree.js';
import { isPlainObject } from '../stages/render/tree.js';
import { E } from '../errors/index.js';
import { partRefused, splitConversation, type Turn } from './conversation.js';
import { dataUrlTrees } from './data-url.js';
import { accept, placeParams, refuse, rename, type BodyDeclaration, type Convert } from './declaration.js';
import { asList, partsOf } from './parts.js';
import type { RequestSpec, SpecIssue } from './profile.js';
import { issue } from './spec-issues.js';

const NO_TOOLS =
  'AWS: batch inference does not support tool calling for jobs using the Converse invocation type (each such record fails with 400); use endpoint: InvokeModel with a Claude model, or leave the tools out';

export const CONVERSE_BODY: BodyDeclaration = {
  follows: 'Bedrock Converse API, @aws-sdk/client-bedrock-runtime 3.1164.0; batch inference docs (late 2026)',
  params: {
    ...rename({
      max_tokens: 'inferenceConfig.maxTokens',
      max_completion_tokens: 'inferenceConfig.maxTokens',
      temperature: 'inferenceConfig.temperature',
      top_p: 'inferenceConfig.topP',
      stop: 'inferenceConfig.stopSequences',
      top_k: 'additionalModelRequestFields.top_k',
    }),
    ...accept('additionalModelRequestFields', 'guardrailConfig', 'performanceConfig', 'promptVariables', 'requestMetadata'),
    ...refuse({ tools: NO_TOOLS, tool_choice: NO_TOOLS, toolConfig: NO_TOOLS, parallel_tool_calls: NO_TOOLS }),
    ...refuse({ user: 'Converse has no user field; tag records with requestMetadata: {user: …}', stream: 'batch requests cannot stream; remove stream' }),
  },
  structural: ['messages', 'system'],
  outputLimit: ['inferenceConfig.maxTokens'],
};

const CONVERT: Record<string, Convert> = {
  stop: (v, issues) => {
    const list = asList(v);
    if (!list) issues.push(issue(['params', 'stop'], E.ParamShape, { key: 'stop', want: 'a string or a list of strings' }));
    return list && { 'inferenceConfig.stopSequences': list };
  },
  // its fields join top_k's object, one by one, so that a field given twice is noticed
  additionalModelRequestFields: (v) =>
    isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [`additionalModelRequestFields.${k}`, x as Tree])) : { additionalModelRequestFields: v },
};

function blocks(provider: string, t: Turn, where: 'system' | 'message', issues: SpecIssue[]): Tree[] {
  const parts = partsOf(t.content);
  if (!parts) return [{ text: t.content }];
  const out: Tree[] = [];
  parts.forEach((p, j) => {
    if (p.kind === 'text') out.push({ text: p.text });
    else if (p.kind === 'image' && where === 'message') {
      const d = dataUrlTrees(p.url, provider);
      if (d) out.push({ image: { format: d.format, source: { bytes: d.data } } });
      else issues.push(issue(['messages', t.index, 'content', j, 'image_url', 'url'], E.ImageUrlRefused, { provider, url: String(p.url) }));
    } else issues.push(partRefused(provider, t, j, p.kind === 'image' ? 'image_url' : p.type, where));
  });
  return out;
}

export function converseRequest(spec: RequestSpec, provider: string): { tree: Tree; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  const { system, turns } = splitConversation(spec, provider, issues);
  const tree: { [k: string]: Tree } = { messages: turns.map((t) => ({ role: t.role, content: blocks(provider, t, 'message', issues) })) };
  if (system.length) tree.system = system.flatMap((t) => blocks(provider, t, 'system', issues));
  placeParams(CONVERSE_BODY, spec.params, tree, issues, CONVERT);
  return { tree, issues };
}
