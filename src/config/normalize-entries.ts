/**
 * Normalize: each entry of `batches` merged with the top-level keys it does not set, so that the
 * rules and the matrix expansion see one flat entry per config batch and still know which config
 * key each value came from (the entry's own, else the top level's) to point at it.
 */
import type { Json } from '../stages/render/tree.js';
import type { KeyPath } from './document.js';
import type { ConfigValue } from './schema.js';

type EntryValue = ConfigValue['batches'][number];
export type MessageValue = NonNullable<EntryValue['messages']>[number];
export type SourceValue = NonNullable<EntryValue['source']>;
export type CustomIdValue = ConfigValue['custom_id'];

export interface ConfigEntry {
  name: string;
  /** `['batches', i]`; null when the config has no `batches` and is one batch */
  base: KeyPath | null;
  provider: string;
  model?: string;
  endpoint?: string;
  /** top-level params, overridden key by key by the entry's */
  params: Record<string, Json>;
  /** api_version (anthropic): one version, or one per provider name */
  apiVersion?: string | Record<string, string>;
  source?: SourceValue;
  customId: CustomIdValue;
  /** whether the config wrote a custom_id, rather than taking the schema's default */
  customIdGiven: boolean;
  matrix?: Record<string, Json[]>;
  messages?: MessageValue[];
  input?: string | string[];
  onError: 'fail' | 'skip';
  /** top-level output, overridden key by key by the entry's (`dir` stays top-level) */
  output: Omit<ConfigValue['output'], 'dir'>;
  /** the config path of a key's value: the entry's own key if it sets one, else the top-level key */
  where(key: string): KeyPath;
  /** the config path of a key inside params or output, which merge key by key */
  whereIn(key: 'params' | 'output', sub: string): KeyPath;
}

export function normalizeEntries(config: ConfigValue, raw: unknown): ConfigEntry[] {
  const rawTop = (raw ?? {}) as Record<string, unknown>;
  const single = rawTop.batches === undefined;
  return config.batches.map((entry, i) => {
    const base: KeyPath | null = single ? null : ['batches', i];
    const own = entry as Record<string, unknown>;
    const where = (key: string): KeyPath => (base && own[key] !== undefined ? [...base, key] : [key]);
    const whereIn = (key: 'params' | 'output', sub: string): KeyPath =>
      base && (own[key] as Record<string, unknown> | undefined)?.[sub] !== undefined ? [...base, key, sub] : [key, sub];
    const { dir: _shared, ...topOutput } = config.output;
    return {
      name: entry.name,
      base,
      provider: entry.provider ?? config.provider,
      model: entry.model ?? config.model,
      endpoint: entry.endpoint ?? config.endpoint,
      params: { ...(config.params as Record<string, Json>), ...(entry.params as Record<string, Json> | undefined) },
      apiVersion: entry.api_version ?? config.api_version,
      source: entry.source ?? config.source,
      customId: entry.custom_id ?? config.custom_id,
      customIdGiven: entry.custom_id !== undefined || rawTop.custom_id !== undefined,
      matrix: (entry.matrix ?? config.matrix) as Record<string, Json[]> | undefined,
      messages: entry.messages ?? config.messages,
      input: entry.input ?? config.input,
      onError: entry.on_error ?? config.on_error,
      output: { ...topOutput, ...entry.output },
      where,
      whereIn,
    };
  });
}

/** `for batch "train"` in messages about one entry of `batches`; nothing for a single-batch config */
export function batchLabel(entry: ConfigEntry): { batch?: string } {
  return entry.base ? { batch: entry.name } : {};
}
