import { MB, MiB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/**
 * Doubleword: OpenAI line shape; files up to 100 MiB by default; custom_id travels as an HTTP
 * header, hence at most 64 bytes of visible ASCII. Mixed models are allowed in one file.
 */
export const doubleword: ProviderProfile = {
  name: 'doubleword',
  family: 'openai',
  title: 'Doubleword Batch API',
  endpoints: ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/responses'],
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  roles: OPENAI_ROLES,
  limits: { defaultMaxBytes: 100 * MB, maxBytes: 100 * MiB },
  customId: { maxBytes: 64, pattern: /^[\x21-\x7e]+$/, describe: 'at most 64 bytes of visible ASCII (no spaces)' },
  oneModelPerFile: false,
  line: openAiLine,
};
