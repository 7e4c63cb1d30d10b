/**
 * A prepared group as plain data, for a worker thread: the resolved batches with their provider
 * named (the profile is code, found again by name) and the few config locations the render plan
 * asks for precomputed, the source files, and the partials as this thread read them. The worker
 * compiles its plans from this, through the same buildPlan: it never reads the config or a
 * template file again, so it renders exactly what this thread checked.
 */
import type { ResolvedBatch } from '../config/resolved.js';
import type { KeyPath } from '../config/document.js';
import type { Location } from '../errors/index.js';
import type { PreparedGroup } from '../pipeline/prepare.js';
import { getProvider } from '../providers/registry.js';
import type { SourceFile } from '../stages/load/index.js';
import { environmentOf, type Partial } from '../stages/render/environment.js';
import { buildPlan } from '../stages/render/plan.js';

export type PlainBatch = Omit<ResolvedBatch, 'provider' | 'at'> & {
  provider: string;
  /** batch.at(path) for the paths the render plan asks for, keyed by JSON.stringify(path) */
  places: Record<string, Location>;
};

export interface PlainGroup {
  name: string;
  files: SourceFile[];
  variants: PlainBatch[];
  partials: Array<[string, Partial]>;
}

/** the config paths buildPlan locates (its messages and params), and the batch itself as a fallback */
const PLACES: KeyPath[] = [[], ['params'], ['messages']];

export function toPlain(group: PreparedGroup): PlainGroup {
  return {
    name: group.name,
    files: group.files,
    variants: group.variants.map(({ batch }) => {
      const { provider, at, ...rest } = batch;
      const places: Record<string, Location> = {};
      for (const p of PLACES) places[JSON.stringify(p)] = at(p);
      return { ...rest, provider: provider.name, places };
    }),
    partials: [...group.partials],
  };
}

export function fromPlain(plain: PlainGroup): PreparedGroup {
  const partials = new Map(plain.partials);
  const env = environmentOf(partials);
  const variants = plain.variants.map(({ places, provider, ...rest }) => {
    const batch: ResolvedBatch = {
      ...rest,
      provider: getProvider(provider)!,
      at: (p: KeyPath) => places[JSON.stringify(p)] ?? places['[]']!,
    };
    return { batch, plan: buildPlan(env, batch) };
  });
  return { name: plain.name, files: plain.files, variants, partials };
}
