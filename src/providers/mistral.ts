import { customIdBodyLine } from './custom-id-body.js';
import { accept, refuse, rename, type BodyDeclaration } from './declaration.js';
import { limitsFor } from './limits.js';
import { MB } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';
import { issue } from './spec-issues.js';
import { E } from '../errors/index.js';

/**
 * Mistral Batch API: `{custom_id, body}`. The model stays in the body: Mistral's own example
 * lines carry it and it is "optional when you specify the model at job creation", so a file with
 * it works whether or not the job names a model — and the manifest records it either way.
 * 512 MB per file on every page; requests per batch are 100,000 on the limits page and "up to 1M"
 * on the batch page — the lower is enforced.
 *
 * Bodies are @mistralai/mistralai's request types, on the wire (`$Outbound`, snake_case): Mistral
 * answers any other field with 422 extra_forbidden, so nothing unknown passes. Its seed is
 * `random_seed`; it has no `user` and its messages have no `name`.
 */
const FOLLOWS = '@mistralai/mistralai 2.7.0';
const NO_STREAM = refuse({ stream: 'batch requests cannot stream; remove stream' });
const NO_USER = refuse({ user: 'Mistral has no user field; to tag requests use metadata: {user: …}' });

const chat: BodyDeclaration = {
  follows: FOLLOWS,
  params: {
    ...accept(
      'temperature', 'top_p', 'max_tokens', 'stop', 'random_seed', 'metadata', 'response_format', 'tools', 'tool_choice',
      'presence_penalty', 'frequency_penalty', 'n', 'prediction', 'parallel_tool_calls', 'reasoning_effort', 'prompt_mode',
      'guardrails', 'prompt_cache_key', 'service_tier', 'safe_prompt',
    ),
    ...rename({ seed: 'random_seed', max_completion_tokens: 'max_tokens' }),
    ...NO_USER,
    ...refuse({
      logprobs: 'Mistral chat has no logprobs; remove it',
      top_logprobs: 'Mistral chat has no logprobs; remove it',
      logit_bias: 'Mistral chat has no logit_bias; remove it',
      store: 'Mistral chat has no store; remove it',
    }),
    ...NO_STREAM,
  },
  structural: ['model', 'messages'],
  outputLimit: ['max_tokens'],
};

const bodies: Record<string, BodyDeclaration> = {
  '/v1/chat/completions': chat,
  '/v1/embeddings': {
    follows: FOLLOWS,
    params: { ...accept('metadata', 'output_dimension', 'output_dtype', 'encoding_format'), ...rename({ dimensions: 'output_dimension' }), ...NO_USER },
    structural: ['model', 'input'],
  },
  '/v1/fim/completions': {
    follows: FOLLOWS,
    params: {
      ...accept('temperature', 'top_p', 'max_tokens', 'stop', 'random_seed', 'metadata', 'suffix', 'min_tokens', 'prompt_cache_key'),
      ...rename({ seed: 'random_seed', max_completion_tokens: 'max_tokens' }),
      ...NO_USER,
      ...NO_STREAM,
    },
    structural: ['model', 'prompt'],
    outputLimit: ['max_tokens'],
  },
  '/v1/moderations': { follows: FOLLOWS, params: accept('metadata'), structural: ['model', 'input'] },
  '/v1/classifications': { follows: FOLLOWS, params: accept('metadata'), structural: ['model', 'input'] },
};

const body = (endpoint: string): BodyDeclaration => bodies[endpoint] ?? chat;

export const mistral: ProviderProfile = {
  name: 'mistral',
  family: 'custom-id-body',
  title: 'Mistral Batch API',
  endpoints: Object.keys(bodies),
  defaultEndpoint: '/v1/chat/completions',
  inputEndpoint: '/v1/embeddings',
  roles: ['system', 'user', 'assistant'],
  limits: limitsFor(512 * MB, 100_000),
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: false,
  body,
  check: (spec) =>
    (spec.messages ?? []).flatMap((m, index) =>
      m.name === undefined ? [] : [issue(['messages', index, 'name'], E.MessageNameRefused, { provider: 'mistral', index })],
    ),
  line: customIdBodyLine({ modelInBody: true, body }),
};
