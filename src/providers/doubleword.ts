import { MB, MiB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import { openAiBodyFor } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

const FOLLOWS = 'Doubleword control layer, OpenAI OpenAPI description f85dbe2';

/**
 * Doubleword: OpenAI line shape and bodies; files up to 100 MiB by default. custom_id travels as
 * an HTTP header: the control layer's upload check takes up to 64 bytes that make a valid header
 * value — visible ASCII, spaces and tabs (the `http` crate's HeaderValue rule). Mixed models are
 * allowed in one file.
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
  customId: { maxBytes: 64, pattern: /^[\t\x20-\x7e]+$/, describe: 'at most 64 bytes of visible ASCII, spaces or tabs (a valid HTTP header value)' },
  oneModelPerFile: false,
  body: (endpoint) => openAiBodyFor(endpoint, FOLLOWS),
  line: openAiLine((endpoint) => openAiBodyFor(endpoint, FOLLOWS)),
};
