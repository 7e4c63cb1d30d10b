/** Every provider profile by name. Adding a provider: one file in this folder and one line here. */
import { doubleword } from './doubleword.js';
import { groq } from './groq.js';
import { openai } from './openai.js';
import type { ProviderProfile } from './profile.js';

export const providers: Readonly<Record<string, ProviderProfile>> = { openai, groq, doubleword };

export const providerNames = Object.keys(providers);

export function getProvider(name: string): ProviderProfile | undefined {
  return Object.hasOwn(providers, name) ? providers[name] : undefined;
}
