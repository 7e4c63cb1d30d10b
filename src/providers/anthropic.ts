/**
 * Anthropic Message Batches: no uploaded file — the SDK's `messages.batches.create({requests})`
 * takes a list of `{custom_id, params}`; batchforge writes those request objects as JSONL, one per
 * line, to be read and sent in chunks. `params` is a Messages request (see anthropic-messages.ts).
 * At most 100,000 requests and 256 MB per batch.
 *
 * API versions: 2026-10-21, which @anthropic-ai/sdk 1.x sends, answers temperature, top_p and
 * top_k with 400 "Extra inputs are not permitted", even at default values. A config that needs
 * them sets `api_version: 2023-06-01`, which the manifest records and `submit` sends as the
 * anthropic-version header. The version's other new 400s (document blocks in assistant messages,
 * citations on user text blocks) cannot come from a config: batchforge writes neither.
 */
import { ANTHROPIC_REFUSED, anthropicRequest } from './anthropic-messages.js';
import { accept, refuse, rename, type BodyDeclaration } from './declaration.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';
import { splitDataUrl } from './parts.js';
import { translatedBy } from './spec-issues.js';
import type { Tree } from '../stages/render/tree.js';

export const ANTHROPIC_API_VERSIONS = ['2026-10-21', '2023-06-01'] as const;
const SAMPLING = ['temperature', 'top_p', 'top_k'];

const common = {
  ...accept('max_tokens', 'metadata', 'stop_sequences', 'tools', 'tool_choice', 'thinking', 'service_tier', 'output_config', 'cache_control', 'container', 'inference_geo', 'speed'),
  ...rename({ max_completion_tokens: 'max_tokens', stop: 'stop_sequences', user: 'metadata.user_id', response_format: 'output_config.format' }),
  ...refuse(ANTHROPIC_REFUSED),
};

const BODIES: Record<string, BodyDeclaration> = {
  '2026-10-21': {
    follows: 'API version 2026-10-21',
    params: {
      ...common,
      ...refuse(Object.fromEntries(SAMPLING.map((k) => [k, `API version 2026-10-21 refuses ${k} even at its default: remove it, or set api_version: 2023-06-01 (submit then sends it as the anthropic-version header)`]))),
    },
    structural: ['model', 'system', 'messages'],
    outputLimit: ['max_tokens'],
  },
  '2023-06-01': {
    follows: 'API version 2023-06-01',
    params: { ...common, ...accept(...SAMPLING) },
    structural: ['model', 'system', 'messages'],
    outputLimit: ['max_tokens'],
  },
};

const body = (_endpoint: string, version?: string): BodyDeclaration => BODIES[version ?? ANTHROPIC_API_VERSIONS[0]] ?? BODIES[ANTHROPIC_API_VERSIONS[0]]!;

/**
 * Images: a URL source. A constant data: URL becomes a base64 source; a templated URL cannot be
 * told apart from a data: URL before rendering, so it is always sent as a URL source — Anthropic
 * rejects data: URLs there, so base64 images must come as constant data: URLs or not at all.
 */
function anthropicImage(url: Tree): Tree {
  const d = typeof url === 'string' ? splitDataUrl(url) : undefined;
  return { type: 'image', source: d ? { type: 'base64', media_type: d.mediaType, data: d.data } : { type: 'url', url } };
}

export const anthropic: ProviderProfile = {
  name: 'anthropic',
  family: 'anthropic',
  title: 'Anthropic Message Batches',
  endpoints: ['/v1/messages'],
  defaultEndpoint: '/v1/messages',
  messageEndpoints: ['/v1/messages'],
  roles: OPENAI_ROLES,
  limits: limitsFor(256 * MB, 100_000),
  customId: { maxBytes: 64, pattern: /^[a-zA-Z0-9_-]{1,64}$/, describe: '1 to 64 letters, digits, "_" or "-"' },
  oneModelPerFile: false,
  apiVersions: ANTHROPIC_API_VERSIONS,
  body,
  ...translatedBy((spec) => {
    const decl = body(spec.endpoint, spec.apiVersion);
    const { request: r, issues } = anthropicRequest(spec, { provider: 'anthropic', decl, contentAsBlocks: false, image: anthropicImage });
    const { max_tokens, ...rest } = r.params;
    const params: { [k: string]: Tree } = { model: spec.model };
    if (max_tokens !== undefined) params.max_tokens = max_tokens;
    if (r.system !== undefined) params.system = r.system;
    params.messages = r.messages;
    Object.assign(params, rest);
    return { tree: { custom_id: spec.customId, params }, issues };
  }),
};
