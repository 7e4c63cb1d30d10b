/**
 * Anthropic Message Batches: no uploaded file — the SDK's `messages.batches.create({requests})`
 * takes a list of `{custom_id, params}`; batchforge writes those request objects as JSONL, one per
 * line, to be read and sent in chunks. `params` is a Messages request (see anthropic-messages.ts).
 * At most 100,000 requests and 256 MB per batch.
 */
import { anthropicRequest } from './anthropic-messages.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';
import { splitDataUrl } from './parts.js';
import { translatedBy } from './spec-issues.js';
import type { Tree } from '../stages/render/tree.js';

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
  ...translatedBy('anthropic', (spec) => {
    const { request: r, issues } = anthropicRequest(spec, { provider: 'anthropic', contentAsBlocks: false, image: anthropicImage });
    const params: { [k: string]: Tree } = { model: spec.model };
    if (r.max_tokens !== undefined) params.max_tokens = r.max_tokens;
    if (r.system !== undefined) params.system = r.system;
    params.messages = r.messages;
    Object.assign(params, r.rest);
    return { tree: { custom_id: spec.customId, params }, issues };
  }),
};
