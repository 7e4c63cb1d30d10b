import { customIdBodyLine } from './custom-id-body.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import { openChat } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

/** OpenAI chat plus Together's own sampling parameters; other keys pass with a warning in validate. */
const chat = openChat('Together AI chat completions docs (late 2026)', ['top_k', 'repetition_penalty', 'min_p', 'echo', 'safety_model', 'reasoning', 'context_length_exceeded_behavior']);

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
  body: () => chat,
  line: customIdBodyLine({ modelInBody: true, body: () => chat }),
};
