/**
 * The OpenAI request bodies a batch line may carry, per endpoint, as body declarations. The
 * parameter lists are the properties of the OpenAPI description's request schemas
 * (specs/openai-openapi.json, commit f85dbe2; test/openapi checks they stay equal), without the
 * keys batchforge writes itself (model, messages, input, prompt) and `stream`, which a batch
 * cannot use. OpenAI answers any other key with 400 "Unrecognized request argument supplied".
 */
import { accept, refuse, rename, type BodyDeclaration } from './declaration.js';

export const OPENAI_FOLLOWS = 'OpenAI OpenAPI description f85dbe2';

const NO_STREAM = refuse({ stream: 'batch requests cannot stream; remove stream' });

export const CHAT_PARAMS = [
  'metadata', 'top_logprobs', 'temperature', 'top_p', 'user', 'safety_identifier', 'prompt_cache_key',
  'prompt_cache_retention', 'prompt_cache_options', 'service_tier', 'modalities', 'verbosity', 'reasoning_effort',
  'max_completion_tokens', 'frequency_penalty', 'presence_penalty', 'web_search_options', 'response_format', 'audio',
  'store', 'moderation', 'stop', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'prediction', 'seed', 'stream_options',
  'tools', 'tool_choice', 'parallel_tool_calls', 'function_call', 'functions',
] as const;

export const RESPONSES_PARAMS = [
  'metadata', 'top_logprobs', 'temperature', 'top_p', 'user', 'safety_identifier', 'prompt_cache_key',
  'prompt_cache_retention', 'prompt_cache_options', 'previous_response_id', 'background', 'max_tool_calls', 'text',
  'tools', 'tool_choice', 'prompt', 'service_tier', 'truncation', 'reasoning', 'include', 'parallel_tool_calls', 'store',
  'instructions', 'moderation', 'stream_options', 'conversation', 'context_management', 'max_output_tokens',
] as const;

export const EMBEDDINGS_PARAMS = ['encoding_format', 'dimensions', 'user'] as const;

export const COMPLETIONS_PARAMS = [
  'best_of', 'echo', 'frequency_penalty', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'presence_penalty', 'seed', 'stop',
  'stream_options', 'suffix', 'temperature', 'top_p', 'user',
] as const;

export const IMAGES_PARAMS = [
  'n', 'quality', 'response_format', 'output_format', 'output_compression', 'partial_images', 'size', 'moderation',
  'background', 'style', 'user',
] as const;

export const IMAGE_EDITS_PARAMS = [
  'images', 'mask', 'background', 'n', 'size', 'output_format', 'output_compression', 'user', 'input_fidelity',
  'partial_images', 'quality', 'moderation',
] as const;

export const VIDEOS_PARAMS = ['input_reference', 'seconds', 'size'] as const;

/** Chat parameters that the Responses API names or shapes otherwise: what to write instead. */
const CHAT_ONLY_ON_RESPONSES = refuse({
  response_format: 'the Responses API takes structured output as text: {format: {type: json_schema, name: …, schema: …}}',
  stop: 'the Responses API has no stop sequences; remove stop',
  seed: 'the Responses API has no seed; remove seed',
  n: 'the Responses API writes one response per request; send the row several times with a matrix instead',
  presence_penalty: 'the Responses API has no presence_penalty; remove it',
  frequency_penalty: 'the Responses API has no frequency_penalty; remove it',
  logit_bias: 'the Responses API has no logit_bias; remove it',
  logprobs: 'ask for include: [message.output_text.logprobs] with top_logprobs instead',
  reasoning_effort: 'use reasoning: {effort: …}',
  verbosity: 'use text: {verbosity: …}',
});

const chat: BodyDeclaration = {
  follows: OPENAI_FOLLOWS,
  params: { ...accept(...CHAT_PARAMS), ...NO_STREAM },
  structural: ['model', 'messages'],
  outputLimit: ['max_completion_tokens', 'max_tokens'],
};

/** The declaration of each OpenAI batch endpoint, under OpenAI's url. */
export const OPENAI_BODIES: Readonly<Record<string, BodyDeclaration>> = {
  '/v1/chat/completions': chat,
  '/v1/responses': {
    follows: OPENAI_FOLLOWS,
    params: {
      ...accept(...RESPONSES_PARAMS),
      ...rename({ max_tokens: 'max_output_tokens', max_completion_tokens: 'max_output_tokens' }),
      ...CHAT_ONLY_ON_RESPONSES,
      ...NO_STREAM,
    },
    structural: ['model', 'input'],
    outputLimit: ['max_output_tokens'],
  },
  '/v1/embeddings': { follows: OPENAI_FOLLOWS, params: accept(...EMBEDDINGS_PARAMS), structural: ['model', 'input'] },
  '/v1/completions': { follows: OPENAI_FOLLOWS, params: { ...accept(...COMPLETIONS_PARAMS), ...NO_STREAM }, structural: ['model', 'prompt'], outputLimit: ['max_tokens'] },
  '/v1/moderations': { follows: OPENAI_FOLLOWS, params: {}, structural: ['model', 'input'] },
  '/v1/images/generations': { follows: OPENAI_FOLLOWS, params: { ...accept(...IMAGES_PARAMS), ...NO_STREAM }, structural: ['model', 'prompt'] },
  '/v1/images/edits': { follows: OPENAI_FOLLOWS, params: { ...accept(...IMAGE_EDITS_PARAMS), ...NO_STREAM }, structural: ['model', 'prompt'] },
  '/v1/videos': { follows: OPENAI_FOLLOWS, params: accept(...VIDEOS_PARAMS), structural: ['model', 'prompt'] },
};

/** The OpenAI declaration for a url, also when a provider writes it without `/v1` (Azure's classic API). */
export function openAiBodyFor(endpoint: string, follows = OPENAI_FOLLOWS): BodyDeclaration {
  const decl = OPENAI_BODIES[endpoint.startsWith('/v1/') ? endpoint : `/v1${endpoint}`];
  if (!decl) throw new Error(`no OpenAI body declaration for ${endpoint}`);
  return follows === OPENAI_FOLLOWS ? decl : { ...decl, follows };
}

/** A declaration that takes OpenAI chat plus a server's own parameters, passing unknown ones on. */
export function openChat(follows: string, extra: readonly string[]): BodyDeclaration {
  return { ...chat, follows, params: { ...chat.params, ...accept(...extra) }, unknown: 'warning' };
}
