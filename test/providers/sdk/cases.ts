/**
 * One config per provider with everything a user reaches for — system and user messages, an
 * image part, sampling parameters, structured output and tools — and what each provider makes of
 * it: a line (type-checked against the provider's SDK in built-lines.generated.ts) or the exact
 * refusals, followed by the nearest config the provider accepts.
 */
import type { Json } from '../../../src/stages/render/tree.js';
import type { TestBatch } from '../helpers.js';

const IMAGE_URL = 'https://example.com/cat.png';
const IMAGE_DATA = 'data:image/png;base64,iVBORw0KGgo=';

/** A JSON Schema without "_" in any key, so Mistral's snake/camel round trip cannot blur it. */
const SCHEMA = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Look a word up', parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] } } }];

export const FULL_PARAMS: Record<string, Json> = {
  max_tokens: 256,
  temperature: 0.2,
  top_p: 0.9,
  seed: 7,
  stop: ['END'],
  response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: SCHEMA } },
  tools: TOOLS,
  tool_choice: 'auto',
};

export const MESSAGES: NonNullable<TestBatch['messages']> = [
  { role: 'system', content: 'Answer in {{lang}}.' },
  { role: 'user', content: [{ type: 'text', text: 'What is in {{file}}?' }, { type: 'image_url', image_url: { url: '{{img}}', mime_type: 'image/png' } }] },
];

export const ROW = { lang: 'French', file: 'cat.png', img: IMAGE_URL };
/** Bedrock takes images only as base64 data: URLs */
export const DATA_ROW = { ...ROW, img: IMAGE_DATA };

export interface Case {
  /** the export name in built-lines.generated.ts */
  name: string;
  /** the line type from line-types.ts it must satisfy */
  type: string;
  batch: TestBatch;
  row?: Record<string, unknown>;
}

export interface Refusal {
  batch: TestBatch;
  problems: Array<[string | undefined, string, string | undefined]>;
}

const full = (provider: string, extra: Partial<TestBatch> = {}): TestBatch => ({ provider, model: 'm', custom_id: 'r{{@index}}', messages: MESSAGES, params: FULL_PARAMS, ...extra });
const without = (...keys: string[]): Record<string, Json> => Object.fromEntries(Object.entries(FULL_PARAMS).filter(([k]) => !keys.includes(k)));

/** Configs each provider takes as they are, or after the refusals below are followed. */
export const ACCEPTED: Case[] = [
  { name: 'openaiChat', type: 'OpenAiChatLine', batch: full('openai', { model: 'gpt-4o-mini' }) },
  {
    name: 'openaiResponses',
    type: 'OpenAiResponsesLine',
    batch: full('openai', {
      model: 'gpt-4o-mini',
      endpoint: '/v1/responses',
      params: { max_tokens: 256, temperature: 0.2, top_p: 0.9, text: { format: { type: 'json_schema', name: 'answer', strict: true, schema: SCHEMA } }, tools: [{ type: 'function', name: 'lookup', description: 'Look a word up', parameters: TOOLS[0]!.function.parameters, strict: false }], tool_choice: 'auto' },
    }),
  },
  { name: 'openaiEmbeddings', type: 'OpenAiEmbeddingsLine', batch: { provider: 'openai', model: 'text-embedding-3-small', endpoint: '/v1/embeddings', custom_id: 'r{{@index}}', input: 'Embed {{file}}', params: { dimensions: 256 } } },
  { name: 'azureChat', type: 'AzureChatLine', batch: full('azure', { model: 'my-deployment' }) },
  { name: 'groqChat', type: 'GroqChatLine', batch: full('groq', { model: 'llama-3.3-70b-versatile' }) },
  { name: 'doublewordChat', type: 'OpenAiChatLine', batch: full('doubleword', { model: 'Qwen/Qwen3-8B' }) },
  { name: 'vllmChat', type: 'OpenAiChatLine', batch: full('vllm', { model: 'Qwen/Qwen3-8B' }) },
  { name: 'together', type: 'TogetherLine', batch: full('together', { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' }) },
  { name: 'fireworks', type: 'FireworksLine', batch: full('fireworks', { model: 'accounts/fireworks/models/llama-v3p3-70b-instruct' }) },
  { name: 'mistral', type: 'MistralLine', batch: full('mistral', { model: 'mistral-small-latest' }) },
  { name: 'anthropic', type: 'AnthropicLine', batch: full('anthropic', { model: 'claude-sonnet-4-5', params: without('temperature', 'top_p', 'seed') }) },
  { name: 'anthropic20230601', type: 'AnthropicLine20230601', batch: full('anthropic', { model: 'claude-sonnet-4-5', api_version: '2023-06-01', params: without('seed') }) },
  { name: 'gemini', type: 'GeminiLine', batch: full('gemini', { model: 'gemini-2.5-flash' }) },
  { name: 'vertex', type: 'VertexLine', batch: full('vertex', { model: 'gemini-2.5-flash' }) },
  { name: 'bedrockClaude', type: 'BedrockClaudeLine', batch: full('bedrock', { model: 'anthropic.claude-3-5-sonnet', custom_id: 'R{{@index}}', params: without('seed', 'response_format') }), row: DATA_ROW },
  { name: 'bedrockConverse', type: 'BedrockConverseLine', batch: full('bedrock', { model: 'amazon.nova-pro-v1:0', endpoint: 'Converse', custom_id: 'R{{@index}}', params: without('seed', 'response_format', 'tools', 'tool_choice') }), row: DATA_ROW },
];

const anthropicSampling = (k: string) =>
  `API version 2026-10-21 refuses ${k} even at its default: remove it, or set api_version: 2023-06-01 (submit then sends it as the anthropic-version header)`;
const NO_TOOLS =
  'AWS: batch inference does not support tool calling for jobs using the Converse invocation type (each such record fails with 400); use endpoint: InvokeModel with a Claude model, or leave the tools out';
const CONVERSE = 'Bedrock Converse API, @aws-sdk/client-bedrock-runtime 3.1164.0; batch inference docs (late 2026)';
const INVOKE = 'AWS Bedrock Anthropic Claude Messages API docs (late 2026)';
const README = (p: string) => `the README section "Providers" lists the parameters ${p} accepts, translates and refuses`;

/** The full config where a provider refuses part of it: the exact problems the user reads. */
export const REFUSED: Record<string, Refusal> = {
  anthropic: {
    batch: full('anthropic', { model: 'claude-sonnet-4-5' }),
    problems: [
      ['params.temperature', 'params.temperature is not accepted by anthropic (API version 2026-10-21)', anthropicSampling('temperature')],
      ['params.top_p', 'params.top_p is not accepted by anthropic (API version 2026-10-21)', anthropicSampling('top_p')],
      ['params.seed', 'params.seed is not accepted by anthropic (API version 2026-10-21)', 'Claude has no seed; remove it'],
    ],
  },
  bedrockClaude: {
    batch: full('bedrock', { model: 'anthropic.claude-3-5-sonnet', custom_id: 'R{{@index}}' }),
    problems: [
      ['params.seed', `params.seed is not accepted by bedrock (${INVOKE})`, 'Claude has no seed; remove it'],
      ['params.response_format', `params.response_format is not accepted by bedrock (${INVOKE})`, 'give a tool with an input_schema and tool_choice: {type: tool, name: …} for JSON output'],
    ],
  },
  bedrockConverse: {
    batch: full('bedrock', { model: 'amazon.nova-pro-v1:0', endpoint: 'Converse', custom_id: 'R{{@index}}' }),
    problems: [
      ['params.seed', `params.seed is not a parameter of bedrock (${CONVERSE})`, README('bedrock')],
      ['params.response_format', `params.response_format is not a parameter of bedrock (${CONVERSE})`, README('bedrock')],
      ['params.tools', `params.tools is not accepted by bedrock (${CONVERSE})`, NO_TOOLS],
      ['params.tool_choice', `params.tool_choice is not accepted by bedrock (${CONVERSE})`, NO_TOOLS],
    ],
  },
};
