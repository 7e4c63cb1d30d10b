import { customIdBodyLine } from './custom-id-body.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/** Together Batch API: `{custom_id, body}` with the model in the body; 100 MB, 50,000 requests, ids ≤ 64 characters. */
export const together: ProviderProfile = {
  name: 'together',
  family: 'custom-id-body',
  title: 'Together AI Batch API',
  endpoints: ['/v1/chat/completions'],
  defaultEndpoint: '/v1/chat/completions',
  roles: OPENAI_ROLES,
  limits: limitsFor(100 * MB, 50_000),
  // Together counts characters; checking bytes as well is stricter only for non-ASCII ids.
  customId: { maxBytes: 64, describe: 'at most 64 characters, unique in the file' },
  oneModelPerFile: false,
  line: customIdBodyLine({ modelInBody: true }),
};
