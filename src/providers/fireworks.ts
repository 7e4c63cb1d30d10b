import { customIdBodyLine } from './custom-id-body.js';
import { limitsFor } from './limits.js';
import { MB, OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

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
  line: customIdBodyLine({ modelInBody: false }),
};
