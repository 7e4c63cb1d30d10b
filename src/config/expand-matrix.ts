/**
 * Expand: one checked config entry becomes one ResolvedBatch per matrix variant. The rules have
 * already run, so nothing here reports a problem; provider-derived defaults (endpoint, file limits,
 * Bedrock's id template) are read from the provider profile here.
 */
import { getProvider } from '../providers/registry.js';
import { CSV_OPTION_KEYS } from '../stages/load/csv-options.js';
import type { Json } from '../stages/render/tree.js';
import { parseSize } from '../util/size.js';
import { formatKeyPath, locate, type ConfigDocument, type KeyPath } from './document.js';
import { endpointFor } from './endpoint-for.js';
import type { ConfigEntry } from './normalize-entries.js';
import type { HashId, ResolvedBatch, ResolvedMessage, TemplateText } from './resolved.js';

export interface ExpandContext {
  cd: ConfigDocument;
  dir: string;
  cwd: string;
}

/** The product of the matrix axes, in declared order: [{model: a, t: 0}, {model: a, t: 1}, …]. */
function combinations(matrix: Record<string, Json[]>): Array<Record<string, Json>> {
  let out: Array<Record<string, Json>> = [{}];
  for (const [axis, values] of Object.entries(matrix)) out = out.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
  return out;
}

/** A model name as a file name part: `Qwen/Qwen3-8B` → `Qwen_Qwen3-8B`. */
function fileSlug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** `messages`: the entry's messages with their template files read, shared by its variants */
export function expandMatrix(x: ExpandContext, entry: ConfigEntry, messages: ResolvedMessage[] | undefined): ResolvedBatch[] {
  if (!entry.matrix) return [resolveVariant(x, entry, messages, {})];
  // only the axes that vary name the partition: `train.anthropic.big-model-00001.jsonl`
  const byProvider = (entry.matrix.provider?.length ?? 0) > 1;
  const byModel = (entry.matrix.model?.length ?? 0) > 1;
  return combinations(entry.matrix).map((variant) => {
    const b = resolveVariant(x, entry, messages, variant);
    b.name = [entry.name, ...(byProvider ? [b.provider.name] : []), ...(byModel ? [fileSlug(b.model)] : [])].join('.');
    return b;
  });
}

function resolveVariant(x: ExpandContext, entry: ConfigEntry, messages: ResolvedMessage[] | undefined, variant: Record<string, Json>): ResolvedBatch {
  const { cd } = x;
  const provider = getProvider((variant.provider as string | undefined) ?? entry.provider)!;
  const at = (p: KeyPath) => locate(cd, p.length && typeof p[0] === 'string' ? [...entry.where(p[0]), ...p.slice(1)] : p);
  const inline = (text: string, p: KeyPath): TemplateText => ({ text, name: `${cd.display} ${formatKeyPath(p)}`, location: locate(cd, p) });
  const { source, output } = entry;
  // Bedrock's record ids take no "-": its profile's template replaces the schema default unless the config wrote one
  const idSpec = !entry.customIdGiven && provider.defaultCustomId !== undefined ? provider.defaultCustomId : entry.customId;
  const customId: TemplateText | HashId =
    typeof idSpec === 'string'
      ? inline(idSpec, entry.where('custom_id'))
      : { hash: idSpec.hash, prefix: idSpec.prefix, length: idSpec.length, location: locate(cd, entry.where('custom_id')) };
  const input = entry.input;
  const maxLines = output.max_lines ?? provider.limits.maxLines;
  return {
    name: entry.name,
    group: entry.name,
    variant,
    provider,
    model: (variant.model as string | undefined) ?? entry.model!,
    endpoint: endpointFor(entry, provider),
    params: { ...entry.params, ...(variant.params as Record<string, Json> | undefined) },
    ...apiVersionFor(entry.apiVersion, provider.name),
    source: {
      patterns: Array.isArray(source!.path) ? source!.path : [source!.path],
      ...(source!.format && { format: source!.format }),
      csv: Object.fromEntries(CSV_OPTION_KEYS.filter((k) => source![k] !== undefined).map((k) => [k, source![k]])),
      ...(source!.encoding !== undefined || source!.bom !== undefined || source!.strict_encoding !== undefined
        ? { decoding: { ...(source!.encoding && { encoding: source!.encoding }), ...(source!.bom !== undefined && { bom: source!.bom }), ...(source!.strict_encoding && { strict: true }) } }
        : {}),
      ...(source!.filter !== undefined && { filter: inline(source!.filter, [...entry.where('source'), 'filter']) }),
      offset: source!.offset,
      ...(source!.limit !== undefined && { limit: source!.limit }),
    },
    customId,
    ...(messages && { messages }),
    ...(input !== undefined && {
      input: Array.isArray(input) ? input.map((t, i) => inline(t, [...entry.where('input'), i])) : inline(input, entry.where('input')),
    }),
    maxBytes: output.max_bytes !== undefined ? parseSize(output.max_bytes) : provider.limits.defaultMaxBytes,
    ...(maxLines !== undefined && { maxLines }),
    ...(output.max_tokens_per_shard !== undefined && { maxTokensPerShard: output.max_tokens_per_shard }),
    onError: entry.onError,
    at,
  };
}

/** api_version: one version, or one per provider name (a matrix over providers sets it for one of them). */
function apiVersionFor(v: string | Record<string, string> | undefined, provider: string): { apiVersion?: string } {
  const version = typeof v === 'string' ? v : v && Object.hasOwn(v, provider) ? v[provider] : undefined;
  return version === undefined ? {} : { apiVersion: version };
}
