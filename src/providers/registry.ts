/** Every provider profile by name. Adding a provider: one file in this folder and one line here. */
import { anthropic } from './anthropic.js';
import { azure } from './azure.js';
import { bedrock } from './bedrock.js';
import { doubleword } from './doubleword.js';
import { fireworks } from './fireworks.js';
import { gemini } from './gemini.js';
import { groq } from './groq.js';
import { mistral } from './mistral.js';
import { openai } from './openai.js';
import type { ProviderProfile } from './profile.js';
import { together } from './together.js';
import { vertex } from './vertex.js';
import { vllm } from './vllm.js';

export const providers: Readonly<Record<string, ProviderProfile>> = {
  openai,
  azure,
  groq,
  doubleword,
  vllm,
  together,
  mistral,
  fireworks,
  anthropic,
  gemini,
  vertex,
  bedrock,
};

export const providerNames = Object.keys(providers);

export function getProvider(name: string): ProviderProfile | undefined {
  return Object.hasOwn(providers, name) ? providers[name] : undefined;
}
