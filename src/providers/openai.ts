import { MB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import { OPENAI_BODIES, openAiBodyFor } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

/**
 * OpenAI Batch API: every endpoint of the OpenAPI description's CreateBatchRequest.endpoint; 50,000
 * requests and 200 MB per file (older docs: 100 MB); one model and endpoint per batch; an
 * embeddings batch holds at most 50,000 embedding inputs across all its requests.
 */
export const openai: ProviderProfile = {
  name: 'openai',
  family: 'openai',
  title: 'OpenAI Batch API',
  endpoints: Object.keys(OPENAI_BODIES),
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  roles: OPENAI_ROLES,
  limits: { defaultMaxBytes: 100 * MB, maxBytes: 200 * MB, maxLines: 50_000, maxUnits: { '/v1/embeddings': 50_000 } },
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: true,
  body: (endpoint) => openAiBodyFor(endpoint),
  line: openAiLine((endpoint) => openAiBodyFor(endpoint)),
};
