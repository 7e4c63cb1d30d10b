import { MB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import { limitsFor } from './limits.js';
import { openAiBodyFor } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

/**
 * Azure OpenAI global batch: the OpenAI line, but the classic API's urls have no `/v1`
 * (`/chat/completions`); the v1 API mirrors OpenAI's paths, so both are accepted. `model` is the
 * deployment name and must be the same on every line (`model_mismatch`). 200 MB per file (1 GB
 * with your own storage: raise output.max_bytes with the override flag); 100,000 requests (one
 * page says 50,000 — 100,000 is the quota table's value).
 */
/** Azure's batch bodies are OpenAI's requests; its v1 API follows OpenAI's description. */
const AZURE_FOLLOWS = 'Azure OpenAI v1 API, OpenAI OpenAPI description f85dbe2';

export const azure: ProviderProfile = {
  name: 'azure',
  family: 'openai',
  title: 'Azure OpenAI global batch',
  endpoints: ['/chat/completions', '/embeddings', '/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/responses'],
  defaultEndpoint: '/chat/completions',
  inputEndpoint: '/embeddings',
  roles: OPENAI_ROLES,
  limits: limitsFor(200 * MB, 100_000),
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: true,
  body: (endpoint) => openAiBodyFor(endpoint, AZURE_FOLLOWS),
  line: openAiLine((endpoint) => openAiBodyFor(endpoint, AZURE_FOLLOWS)),
};
