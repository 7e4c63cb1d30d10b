/**
 * The judge bites: the lines batchforge used to write, which the providers answered with 400 or
 * 422, fail the SDK line types. Each `@ts-expect-error` makes `npm run typecheck` fail if the
 * line below it were ever accepted.
 */
import type * as T from './line-types.js';

const user = [{ role: 'user' as const, content: 'Hi' }];

export const anthropicSampling = {
  custom_id: 'r0',
  // @ts-expect-error temperature is gone from the 2026-10-21 request types
  params: { model: 'claude-sonnet-4-5', max_tokens: 16, messages: user, temperature: 0.2 },
} satisfies T.AnthropicLine;

export const geminiOpenAiTools = {
  key: 'r0',
  request: {
    contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    // @ts-expect-error an OpenAI function tool is not a Gemini Tool
    tools: [{ type: 'function', function: { name: 'lookup' } }],
  },
} satisfies T.GeminiLine;

export const mistralSeed = {
  custom_id: 'r0',
  // @ts-expect-error Mistral's seed is random_seed (422 extra_forbidden)
  body: { model: 'mistral-small-latest', messages: user, seed: 7 },
} satisfies T.MistralLine;

export const bedrockUser = {
  recordId: 'R0',
  // @ts-expect-error metadata is not among AWS's documented keys for Claude's InvokeModel body
  modelInput: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 16, messages: user, metadata: { user_id: 'u' } },
} satisfies T.BedrockClaudeLine;

export const openAiTypo = {
  custom_id: 'r0',
  method: 'POST',
  url: '/v1/chat/completions',
  // @ts-expect-error OpenAI answers an unknown parameter with 400
  body: { model: 'gpt-4o-mini', messages: user, temprature: 0 },
} satisfies T.OpenAiChatLine;
