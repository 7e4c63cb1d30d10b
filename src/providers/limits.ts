/**
 * Every provider writes files of at most 100 MB (10^8 bytes) unless the config says otherwise —
 * the design's default, small enough to upload anywhere — and never more than its own maximum.
 */
import { MB } from './openai-shape.js';
import type { ProviderLimits } from './profile.js';

export const DEFAULT_MAX_BYTES = 100 * MB;

export function limitsFor(maxBytes: number, maxLines?: number): ProviderLimits {
  return { defaultMaxBytes: Math.min(DEFAULT_MAX_BYTES, maxBytes), maxBytes, ...(maxLines !== undefined && { maxLines }) };
}
