/**
 * AWS Bedrock batch inference: `{recordId, modelInput}` lines; the job names the model and its
 * model invocation type, which batchforge takes from `endpoint`:
 * - `InvokeModel` (default): modelInput is the model's InvokeModel body; batchforge writes the
 *   Anthropic Claude messages body (`anthropic_version: bedrock-2023-05-31`), so use it with
 *   Claude models and Converse for the others;
 * - `Converse`: modelInput is a Converse request, the same for every model.
 * Images must be base64 data: URLs (Bedrock does not fetch URLs). recordId is documented as an
 * "alphanumeric string" (older pages: "11 character"); batchforge asks for 1 to 64 letters and
 * digits, and defaults the id template to `request{{@index}}`. File size and record counts are
 * per-account quotas; the 1 GB per-file default quota is the maximum here.
 */
import type { Tree } from '../stages/render/tree.js';
import { E } from '../errors/index.js';
import { ANTHROPIC_REFUSED, anthropicRequest } from './anthropic-messages.js';
import { CONVERSE_BODY, converseRequest } from './bedrock-converse.js';
import { dataUrlTrees } from './data-url.js';
import { accept, refuse, rename, type BodyDeclaration } from './declaration.js';
import { limitsFor } from './limits.js';
import { OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile, RequestSpec, SpecIssue } from './profile.js';
import { issue, translatedBy } from './spec-issues.js';

export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

/**
 * Claude's InvokeModel body as AWS documents it (Anthropic Claude Messages API page): exactly
 * anthropic_version, anthropic_beta, max_tokens, system, messages, temperature, top_p, top_k,
 * tools, tool_choice and stop_sequences. Anything else is not promised to work in a batch job.
 */
export const INVOKE_CLAUDE_BODY: BodyDeclaration = {
  follows: 'AWS Bedrock Anthropic Claude Messages API docs (late 2026)',
  params: {
    ...accept('max_tokens', 'temperature', 'top_p', 'top_k', 'tools', 'tool_choice', 'stop_sequences', 'anthropic_beta'),
    ...rename({ max_completion_tokens: 'max_tokens', stop: 'stop_sequences' }),
    ...refuse(ANTHROPIC_REFUSED),
    ...refuse({
      user: "AWS documents no metadata for Claude's InvokeModel body; remove user",
      metadata: "AWS documents no metadata for Claude's InvokeModel body; remove it",
      response_format: 'give a tool with an input_schema and tool_choice: {type: tool, name: …} for JSON output',
    }),
  },
  structural: ['anthropic_version', 'system', 'messages'],
  outputLimit: ['max_tokens'],
};

function invokeImage(url: Tree, path: SpecIssue['path'], issues: SpecIssue[]): Tree | undefined {
  const d = dataUrlTrees(url, 'bedrock');
  if (d) return { type: 'image', source: { type: 'base64', media_type: d.mediaType, data: d.data } };
  issues.push(issue(path, E.ImageUrlRefused, { provider: 'bedrock', url: String(url) }));
  return undefined;
}

function invokeModelInput(spec: RequestSpec): { tree: Tree; issues: SpecIssue[] } {
  const { request: r, issues } = anthropicRequest(spec, { provider: 'bedrock', decl: INVOKE_CLAUDE_BODY, contentAsBlocks: true, image: invokeImage });
  const { max_tokens, ...rest } = r.params;
  const body: { [k: string]: Tree } = { anthropic_version: BEDROCK_ANTHROPIC_VERSION };
  if (max_tokens !== undefined) body.max_tokens = max_tokens;
  if (r.system !== undefined) body.system = r.system;
  body.messages = r.messages;
  Object.assign(body, rest);
  return { tree: body, issues };
}

const body = (endpoint: string): BodyDeclaration => (endpoint === 'Converse' ? CONVERSE_BODY : INVOKE_CLAUDE_BODY);

export const bedrock: ProviderProfile = {
  name: 'bedrock',
  family: 'bedrock',
  title: 'AWS Bedrock batch inference',
  endpoints: ['InvokeModel', 'Converse'],
  defaultEndpoint: 'InvokeModel',
  messageEndpoints: ['InvokeModel', 'Converse'],
  roles: OPENAI_ROLES,
  // 100 records is the default "minimum number of records per batch inference job" quota
  limits: { ...limitsFor(1_000_000_000), minLines: 100 },
  customId: { maxBytes: 64, pattern: /^[A-Za-z0-9]{1,64}$/, describe: '1 to 64 letters and digits (no "-" or "_")' },
  defaultCustomId: 'request{{@index}}',
  oneModelPerFile: true,
  body,
  ...translatedBy((spec) => {
    const input = spec.endpoint === 'Converse' ? converseRequest(spec, 'bedrock') : invokeModelInput(spec);
    return { tree: { recordId: spec.customId, modelInput: input.tree }, issues: input.issues };
  }),
};
