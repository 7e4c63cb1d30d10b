import { MB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/** Groq Batch API: OpenAI line shape, 100 MB per file; no documented line limit (50,000 kept as a safe default). */
export const groq: ProviderProfile = {
  name: 'groq',
  family: 'openai',
  title: 'Groq Batch API',
  endpoints: ['/v1/chat/completions', '/v1/audio/transcriptions', '/v1/audio/translations'],
  defaultEndpoint: '/v1/chat/completions',
  roles: OPENAI_ROLES,
  limits: { defaultMaxBytes: 100 * MB, maxBytes: 100 * MB, maxLines: 50_000 },
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: false,
  line: openAiLine,
};
