/**
 * Normalizes a schema-valid config into ResolvedBatches: merges top-level defaults into each named
 * batch, checks provider, endpoint, roles and sizes against the provider profile, and reads the
 * template files. Collects every problem rather than stopping at the first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { E, problem, type Problem } from '../errors/index.js';
import { endpointTakesMessages } from '../providers/profile.js';
import { getProvider, providerNames } from '../providers/registry.js';
import { readTemplateFile } from '../stages/render/read-template-file.js';
import type { Json } from '../stages/render/tree.js';
import { displayPath } from '../util/paths.js';
import { parseSize } from '../util/size.js';
import { suggest } from '../util/suggest.js';
import { configProblem, formatKeyPath, locate, type ConfigDocument, type KeyPath } from './document.js';
import type { ContentSpec, HashId, ResolvedBatch, ResolvedConfig, ResolvedMessage, TemplateText } from './resolved.js';
import type { BatchEntryInput, ConfigInput, MessageInput } from './schema.js';

export const DEFAULT_CUSTOM_ID = 'request-{{@index}}';
export const DEFAULT_OUT_DIR = 'out';
export const DEFAULT_BATCH_NAME = 'batch';

interface Ctx {
  cd: ConfigDocument;
  warnings: Problem[];
  file: string;
  dir: string;
  cwd: string;
  problems: Problem[];
}

export function resolveConfig(cd: ConfigDocument, input: ConfigInput, file: string, cwd: string): ResolvedConfig | Problem[] {
  const ctx: Ctx = { cd, file, dir: path.dirname(file), cwd, problems: [], warnings: [] };
  const entries: Array<{ entry: BatchEntryInput; base: KeyPath | null }> = input.batches
    ? input.batches.map((b, i) => ({ entry: b, base: ['batches', i] }))
    : [{ entry: { name: DEFAULT_BATCH_NAME }, base: null }];
  const batches: ResolvedBatch[] = [];
  const seen = new Map<string, number>();
  entries.forEach(({ entry, base }, i) => {
    if (seen.has(entry.name)) {
      ctx.problems.push(configProblem(cd, problem(E.ConfigInvalid, { detail: `batch name ${JSON.stringify(entry.name)} is used twice (also batches[${seen.get(entry.name)}])` }), ['batches', i, 'name']));
    }
    seen.set(entry.name, i);
    batches.push(...resolveVariants(ctx, input, entry, base));
  });
  if (ctx.problems.length) return ctx.problems;
  return {
    file,
    display: cd.display,
    dir: ctx.dir,
    cwd,
    text: cd.text,
    outDir: path.resolve(ctx.dir, input.output?.dir ?? DEFAULT_OUT_DIR),
    ...(input.base_url !== undefined && { baseUrl: input.base_url }),
    batches,
    warnings: ctx.warnings,
  };
}

/** The product of the matrix axes, in declared order: [{model: a, t: 0}, {model: a, t: 1}, …]. */
function combinations(matrix: Record<string, Json[]>): Array<Record<string, Json>> {
  let out: Array<Record<string, Json>> = [{}];
  for (const [axis, values] of Object.entries(matrix)) out = out.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
  return out;
}

/** A model name as a file name part: `Qwen/Qwen3-8B` → `Qwen_Qwen3-8B`. */
export function fileSlug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function resolveVariants(ctx: Ctx, top: ConfigInput, entry: BatchEntryInput, base: KeyPath | null): ResolvedBatch[] {
  const matrix = (entry.matrix ?? top.matrix) as Record<string, Json[]> | undefined;
  if (!matrix) return [resolveBatch(ctx, top, entry, base, {})].filter((b): b is ResolvedBatch => !!b);
  const mPath: KeyPath = base && entry.matrix ? [...base, 'matrix'] : ['matrix'];
  const bad = (axis: string, detail: string) =>
    ctx.problems.push(configProblem(ctx.cd, problem(E.ConfigInvalid, { detail }), [...mPath, axis]));
  for (const axis of ['provider', 'model'] as const) {
    const vals = matrix[axis];
    if (vals && !vals.every((v) => typeof v === 'string')) bad(axis, `matrix.${axis} must be a list of names`);
    if (vals && new Set(vals).size !== vals.length) bad(axis, `matrix.${axis} lists a value twice`);
  }
  if (matrix.params && !matrix.params.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    bad('params', 'matrix.params must be a list of mappings, e.g. [{temperature: 0}, {temperature: 0.7}]');
  }
  if (ctx.problems.length) return [];
  const byProvider = (matrix.provider?.length ?? 0) > 1;
  const byModel = (matrix.model?.length ?? 0) > 1;
  const out: ResolvedBatch[] = [];
  for (const variant of combinations(matrix)) {
    const b = resolveBatch(ctx, top, entry, base, variant);
    if (!b) continue;
    b.name = [entry.name, ...(byProvider ? [b.provider.name] : []), ...(byModel ? [fileSlug(b.model)] : [])].join('.');
    out.push(b);
  }
  return out;
}

function resolveBatch(
  ctx: Ctx,
  top: ConfigInput,
  entry: BatchEntryInput,
  base: KeyPath | null,
  variant: Record<string, Json>,
): ResolvedBatch | undefined {
  const { cd } = ctx;
  /** the batch's own key if it sets one, else the top-level key */
  const where = (key: string): KeyPath => (base && (entry as Record<string, unknown>)[key] !== undefined ? [...base, key] : [key]);
  const at = (p: KeyPath): ReturnType<typeof locate> => locate(cd, p.length && typeof p[0] === 'string' ? [...where(p[0]), ...p.slice(1)] : p);
  const fail = (detail: string, p: KeyPath, onKey = false) => {
    ctx.problems.push(configProblem(cd, problem(E.ConfigInvalid, { detail }), p, onKey));
  };
  const pick = <K extends keyof BatchEntryInput & keyof ConfigInput>(k: K) => (entry[k] !== undefined ? entry[k] : top[k]);
  const before = ctx.problems.length;

  const providerName = (variant.provider as string | undefined) ?? pick('provider') ?? 'openai';
  const provider = getProvider(providerName);
  if (!provider) {
    ctx.problems.push(configProblem(cd, problem(E.UnknownProvider, { provider: providerName, known: providerNames, suggestion: suggest(providerName, providerNames) }), where('provider')));
    return undefined;
  }
  const model = (variant.model as string | undefined) ?? pick('model');
  const batchPath: KeyPath = base ?? [];
  if (!model) fail(`model is not set${base ? ` for batch ${JSON.stringify(entry.name)}` : ''}`, base ? batchPath : [], false);
  const messages = pick('messages');
  const input = pick('input');
  if (messages && input) fail('give either messages or input, not both', where('input'), true);
  if (!messages && !input && !provider.paramsOnlyEndpoints?.includes(pick('endpoint') ?? '')) fail(`no messages or input${base ? ` for batch ${JSON.stringify(entry.name)}` : ''}: say what each request sends`, batchPath);

  const endpoint = pick('endpoint') ?? (input && provider.inputEndpoint ? provider.inputEndpoint : provider.defaultEndpoint);
  if (!provider.endpoints.includes(endpoint)) {
    ctx.problems.push(configProblem(cd, problem(E.UnsupportedEndpoint, { provider: provider.name, endpoint, known: [...provider.endpoints] }), where('endpoint')));
  } else if (messages && !endpointTakesMessages(provider, endpoint)) {
    fail(`endpoint ${endpoint} takes input, not messages`, where('messages'), true);
  } else if (input && endpointTakesMessages(provider, endpoint) && !endpoint.endsWith('/responses')) {
    fail(`endpoint ${endpoint} takes messages, not input`, where('input'), true);
  }

  const source = pick('source');
  if (!source) fail(`source is not set${base ? ` for batch ${JSON.stringify(entry.name)}` : ''}: name the data file(s)`, batchPath);

  // output: top-level values, overridden per batch
  const out = { ...top.output, ...entry.output };
  const maxBytes = out.max_bytes !== undefined ? parseSize(out.max_bytes) : provider.limits.defaultMaxBytes;
  const maxLines = out.max_lines ?? provider.limits.maxLines;
  // over a provider's limit: an error, or with output.override_limits a warning (the user knows their account's quota)
  const overLimit = (detail: string, key: string) => {
    if (!out.override_limits) return fail(detail, where('output').concat(key));
    const p = configProblem(cd, problem(E.ConfigInvalid, { detail }, undefined, 'warning'), where('output').concat(key));
    p.hint = 'output.override_limits is set: the provider may refuse this file';
    ctx.warnings.push(p);
  };
  if (maxBytes > provider.limits.maxBytes) {
    overLimit(`output.max_bytes ${maxBytes} is over the ${provider.name} maximum of ${provider.limits.maxBytes} bytes per file`, 'max_bytes');
  }
  if (out.max_lines !== undefined && provider.limits.maxLines !== undefined && out.max_lines > provider.limits.maxLines) {
    overLimit(`output.max_lines ${out.max_lines} is over the ${provider.name} maximum of ${provider.limits.maxLines} requests per file`, 'max_lines');
  }

  const params: Record<string, Json> = {
    ...(top.params as Record<string, Json> | undefined),
    ...(entry.params as Record<string, Json> | undefined),
    ...(variant.params as Record<string, Json> | undefined),
  };
  if ('model' in params) fail('set the model with the top-level `model` key, not in params', [...where('params'), 'model'], true);
  for (const k of ['messages', 'input', 'prompt']) if (k in params) fail(`${k} cannot be a param: use the \`${k === 'prompt' ? 'input' : k}\` key`, [...where('params'), k], true);
  if (params.stream === true) fail('batch APIs refuse stream: true', [...where('params'), 'stream']);

  const inline = (text: string, p: KeyPath): TemplateText => ({ text, name: `${cd.display} ${formatKeyPath(p)}`, location: locate(cd, p) });
  const resolvedMessages = messages?.map((m, i) => resolveMessage(ctx, provider.roles, m, [...where('messages'), i]));
  const resolvedInput = input === undefined ? undefined : Array.isArray(input) ? input.map((t, i) => inline(t, [...where('input'), i])) : inline(input, where('input'));
  const idSpec = pick('custom_id') ?? provider.defaultCustomId ?? DEFAULT_CUSTOM_ID;
  const customId: TemplateText | HashId =
    typeof idSpec === 'string'
      ? inline(idSpec, where('custom_id'))
      : { hash: idSpec.hash, prefix: idSpec.prefix ?? '', length: idSpec.length ?? 16, location: locate(cd, where('custom_id')) };
  if (ctx.problems.length > before || !model || !source) return undefined;
  return {
    name: entry.name,
    group: entry.name,
    variant,
    provider,
    model,
    endpoint,
    params,
    source: {
      patterns: Array.isArray(source.path) ? source.path : [source.path],
      ...(source.format && { format: source.format }),
      ...(source.delimiter && { delimiter: source.delimiter }),
      ...(source.filter !== undefined && { filter: inline(source.filter, [...where('source'), 'filter']) }),
      offset: source.offset ?? 0,
      ...(source.limit !== undefined && { limit: source.limit }),
    },
    customId,
    ...(resolvedMessages && { messages: resolvedMessages.filter((m): m is ResolvedMessage => !!m) }),
    ...(resolvedInput && { input: resolvedInput }),
    maxBytes,
    ...(maxLines !== undefined && { maxLines }),
    ...(out.max_tokens_per_shard !== undefined && { maxTokensPerShard: out.max_tokens_per_shard }),
    onError: pick('on_error') ?? 'fail',
    at,
  };
}

function resolveMessage(ctx: Ctx, roles: readonly string[], m: MessageInput, p: KeyPath): ResolvedMessage | undefined {
  const { cd } = ctx;
  if (!roles.includes(m.role)) {
    ctx.problems.push(configProblem(cd, problem(E.UnknownRole, { role: m.role, known: [...roles], suggestion: suggest(m.role, roles) }), [...p, 'role']));
    return undefined;
  }
  if ((m.content === undefined) === (m.template === undefined)) {
    ctx.problems.push(configProblem(cd, problem(E.ConfigInvalid, { detail: 'a message needs either content or template (one of them)' }), p));
    return undefined;
  }
  let content: ContentSpec;
  if (m.template !== undefined) {
    const file = path.resolve(ctx.dir, m.template);
    if (!existsSync(file)) {
      ctx.problems.push(configProblem(cd, problem(E.TemplateFileMissing, { file: displayPath(file, ctx.cwd) }), [...p, 'template']));
      return undefined;
    }
    const name = displayPath(file, ctx.cwd);
    const read = readTemplateFile(file, name);
    if ('problem' in read) {
      ctx.problems.push(read.problem);
      return undefined;
    }
    content = { text: read.text, name, file, location: { file: name } };
  } else if (typeof m.content === 'string') {
    content = { text: m.content, name: `${cd.display} ${formatKeyPath([...p, 'content'])}`, location: locate(cd, [...p, 'content']) };
  } else {
    content = m.content as Array<Record<string, Json>>;
  }
  return { role: m.role, content, ...(m.name !== undefined && { name: m.name }), path: formatKeyPath(p) };
}
