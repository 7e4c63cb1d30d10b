import { OPENAI_ROLES, openAiLine } from './openai-shape.js';
import { limitsFor } from './limits.js';
import type { BodyDeclaration } from './declaration.js';
import { openAiBodyFor, openChat } from './openai-params.js';
import type { ProviderProfile } from './profile.js';

const FOLLOWS = 'vLLM OpenAI-compatible server docs (late 2026)';
/** vLLM's own sampling parameters beside OpenAI's; any other key is passed on with a warning in validate */
const chat = openChat(FOLLOWS, ['top_k', 'min_p', 'repetition_penalty', 'length_penalty', 'min_tokens', 'ignore_eos', 'skip_special_tokens', 'structured_outputs', 'guided_json', 'guided_regex', 'guided_choice', 'chat_template_kwargs', 'priority']);
const open = (decl: BodyDeclaration): BodyDeclaration => ({ ...decl, follows: FOLLOWS, unknown: 'warning' });
const bodies: Record<string, BodyDeclaration> = {
  '/v1/chat/completions': chat,
  '/v1/embeddings': open(openAiBodyFor('/v1/embeddings')),
  '/v1/score': { follows: FOLLOWS, params: {}, structural: ['model'], unknown: 'warning' },
  '/v1/rerank': { follows: FOLLOWS, params: {}, structural: ['model'], unknown: 'warning' },
};

/**
 * `vllm run_batch`: the OpenAI line, read by your own server, which documents no file or line
 * limit and does not check custom_id. Files default to 100 MB like every provider; any size may
 * be set. One served model answers every line, whatever `model` says.
 * /v1/score and /v1/rerank take their fields (text_1/text_2, query/documents) from params.
 */
export const vllm: ProviderProfile = {
  name: 'vllm',
  family: 'openai',
  title: 'vLLM run_batch',
  endpoints: ['/v1/chat/completions', '/v1/embeddings', '/v1/score', '/v1/rerank'],
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  paramsOnlyEndpoints: ['/v1/score', '/v1/rerank'],
  roles: OPENAI_ROLES,
  limits: limitsFor(Number.POSITIVE_INFINITY),
  customId: { describe: 'any non-empty string (vLLM does not check it; batchforge keeps it unique)' },
  oneModelPerFile: false,
  body: (endpoint) => bodies[endpoint] ?? chat,
  line: openAiLine((endpoint) => bodies[endpoint] ?? chat),
};
