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
import { anthropicRequest } from './anthropic-messages.js';
import { converseRequest } from './bedrock-converse.js';
import { dataUrlTrees } from './data-url.js';
import { limitsFor } from './limits.js';
import { OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile, RequestSpec, SpecIssue } from './profile.js';
import { translatedBy } from './spec-issues.js';

export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

function invokeImage(url: Tree, path: SpecIssue['path'], issues: SpecIssue[]): Tree | undefined {
  const d = dataUrlTrees(url, 'bedrock');
  if (d) return { type: 'image', source: { type: 'base64', media_type: d.mediaType, data: d.data } };
  issues.push({ path, message: `bedrock takes images as base64 data: URLs, not ${JSON.stringify(url)}` });
  return undefined;
}

function invokeModelInput(spec: RequestSpec): { tree: Tree; issues: SpecIssue[] } {
  const { request: r, issues } = anthropicRequest(spec, { provider: 'bedrock', contentAsBlocks: true, image: invokeImage });
  const body: { [k: string]: Tree } = { anthropic_version: BEDROCK_ANTHROPIC_VERSION };
  if (r.max_tokens !== undefined) body.max_tokens = r.max_tokens;
  if (r.system !== undefined) body.system = r.system;
  body.messages = r.messages;
  Object.assign(body, r.rest);
  return { tree: body, issues };
}

export const bedrock: ProviderProfile = {
  name: 'bedrock',
  family: 'bedrock',
  title: 'AWS Bedrock batch inference',
  endpoints: ['InvokeModel', 'Converse'],
  defaultEndpoint: 'InvokeModel',
  messageEndpoints: ['InvokeModel', 'Converse'],
  roles: OPENAI_ROLES,
  limits: limitsFor(1_000_000_000),
  customId: { maxBytes: 64, pattern: /^[A-Za-z0-9]{1,64}$/, describe: '1 to 64 letters and digits (no "-" or "_")' },
  defaultCustomId: 'request{{@index}}',
  oneModelPerFile: true,
  ...translatedBy('bedrock', (spec) => {
    const input = spec.endpoint === 'Converse' ? converseRequest(spec, 'bedrock') : invokeModelInput(spec);
    return { tree: { recordId: spec.customId, modelInput: input.tree }, issues: input.issues };
  }),
};
