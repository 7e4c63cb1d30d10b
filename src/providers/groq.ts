import { accept, refuse, type BodyDeclaration } from './declaration.js';
import { MB, OPENAI_ROLES, openAiLine } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';

/**
 * Groq Batch API: OpenAI line shape, 100 MB per file; no documented line limit (50,000 kept as a
 * safe default). groq-sdk's BatchCreateParams.endpoint allows only /v1/chat/completions; the body
 * is groq-sdk's ChatCompletionCreateParams (test/providers/sdk checks built lines against it).
 */
const chat: BodyDeclaration = {
  follows: 'groq-sdk 1.6.0 ChatCompletionCreateParams',
  params: {
    ...accept(
      'citation_options', 'compound_custom', 'disable_tool_validation', 'documents', 'exclude_domains', 'frequency_penalty',
      'function_call', 'functions', 'include_domains', 'include_reasoning', 'logit_bias', 'logprobs', 'max_completion_tokens',
      'max_tokens', 'metadata', 'n', 'parallel_tool_calls', 'presence_penalty', 'reasoning_effort', 'reasoning_format',
      'response_format', 'search_settings', 'seed', 'service_tier', 'stop', 'store', 'temperature', 'tool_choice', 'tools',
      'top_logprobs', 'top_p', 'user',
    ),
    ...refuse({ stream: 'batch requests cannot stream; remove stream' }),
  },
  structural: ['model', 'messages'],
  outputLimit: ['max_completion_tokens', 'max_tokens'],
};

export const groq: ProviderProfile = {
  name: 'groq',
  family: 'openai',
  title: 'Groq Batch API',
  endpoints: ['/v1/chat/completions'],
  defaultEndpoint: '/v1/chat/completions',
  roles: OPENAI_ROLES,
  limits: { defaultMaxBytes: 100 * MB, maxBytes: 100 * MB, maxLines: 50_000 },
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: false,
  body: () => chat,
  line: openAiLine(() => chat),
};
