/**
 * Units: a third thing a provider counts per batch besides lines and bytes. OpenAI holds an
 * embeddings batch to 50,000 embedding inputs across all its requests (CreateBatchRequest), so a
 * request with an input list of n strings counts n. The build knows n per request from the config
 * (`input:` one template = 1, a list = its length); validate and stats count it from a line's body.
 */
import type { ResolvedBatch } from '../config/resolved.js';
import type { ProviderProfile } from './profile.js';

/** The provider's unit cap for an endpoint, if it has one. */
export function maxUnits(provider: ProviderProfile, endpoint: string): number | undefined {
  return provider.limits.maxUnits?.[endpoint];
}

/** Units of each request of a batch, which the config fixes; 0 when the endpoint counts none. */
export function unitsPerRequest(batch: Pick<ResolvedBatch, 'provider' | 'endpoint' | 'input'>): number {
  if (maxUnits(batch.provider, batch.endpoint) === undefined) return 0;
  return Array.isArray(batch.input) ? batch.input.length : 1;
}

/** Embedding inputs in a request body: a string or one list of token ids is 1, a list of strings or of token lists its length. */
export function bodyUnits(body: Record<string, unknown>): number {
  const input = body.input;
  if (!Array.isArray(input)) return input === undefined ? 0 : 1;
  return input.length > 0 && input.every((x) => typeof x === 'number') ? 1 : input.length;
}
