import { customIdBodyLine } from './custom-id-body.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import { openChat } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

/** OpenAI chat plus Fireworks' own sampling parameters; other keys pass with a warning in validate. */
const chat = openChat('Fireworks AI chat completions docs (late 2026)', ['top_k', 'repetition_penalty', 'min_p', 'typical_p', 'mirostat_target', 'mirostat_lr', 'context_length_exceeded_behavior', 'reasoning_effort', 'prompt_truncate_len']);

/**
 * Fireworks batch inference: `{custom_id, body}` with no model in the body — the job (dataset +
 * model) names it, so a build writes one file set per model. Files must be under 500 MB.
 */
export const fireworks: ProviderProfile = {
  name: 'fireworks',
  family: 'custom-id-body',
  title: 'Fireworks AI batch inference',
  endpoints: ['/v1/chat/completions'],
  defaultEndpoint: '/v1/chat/completions',
  roles: OPENAI_ROLES,
  limits: limitsFor(500 * MB - 1),
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: true,
  body: () => chat,
  line: customIdBodyLine({ modelInBody: false, body: () => chat }),
};
