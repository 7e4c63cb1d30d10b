import { MB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/** OpenAI Batch API: 50,000 requests and 200 MB per file (older docs: 100 MB); one model and endpoint per batch. */
export const openai: ProviderProfile = {
  name: 'openai',
  family: 'openai',
  title: 'OpenAI Batch API',
  endpoints: ['/v1/chat/completions', '/v1/embeddings', '/v1/responses', '/v1/completions', '/v1/moderations'],
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  roles: OPENAI_ROLES,
  limits: { defaultMaxBytes: 100 * MB, maxBytes: 200 * MB, maxLines: 50_000 },
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: true,
  line: openAiLine,
};
