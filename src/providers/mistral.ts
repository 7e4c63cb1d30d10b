import { customIdBodyLine } from './custom-id-body.js';
import { limitsFor } from './limits.js';
import { MB } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/**
 * Mistral Batch API: `{custom_id, body}`. The model stays in the body: Mistral's own example
 * lines carry it and it is "optional when you specify the model at job creation", so a file with
 * it works whether or not the job names a model — and the manifest records it either way.
 * 512 MB per file on every page; requests per batch are 100,000 on the limits page and "up to 1M"
 * on the batch page — the lower is enforced.
 */
export const mistral: ProviderProfile = {
  name: 'mistral',
  family: 'custom-id-body',
  title: 'Mistral Batch API',
  endpoints: ['/v1/chat/completions', '/v1/embeddings', '/v1/fim/completions', '/v1/moderations', '/v1/classifications'],
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  roles: ['system', 'user', 'assistant'],
  limits: limitsFor(512 * MB, 100_000),
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: false,
  line: customIdBodyLine({ modelInBody: true }),
};
