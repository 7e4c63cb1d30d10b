/**
 * stats: a dry run over the whole source. Every row is rendered and checked as in a build and
 * placed into shards by the same ShardPlanner, but nothing is written. Adds what a build does not
 * count: input tokens per request (a real tokenizer, see tokens.ts), an upper bound on output
 * tokens (max_tokens × requests) and a cost estimate at batch prices (prices.ts).
 */
import { E, formatLocation, problem, type Problem } from '../errors/index.js';
import { MAX_PROBLEMS, SAME_PROBLEM_SHOWN } from '../pipeline/build.js';
import { batchRows, type RowCounts } from '../pipeline/rows.js';
import type { Row } from '../stages/load/row.js';
import { RowError } from '../stages/render/template.js';
import type { Json } from '../stages/render/tree.js';
import { ShardPlanner } from '../stages/shard/shard-plan.js';
import { shardFileName } from '../stages/shard/shard-writer.js';
import { RequestValidator } from '../stages/validate/check-request.js';
import { loadPrepared, type ToolBatch, type ToolOptions } from '../tools/load-prepared.js';
import { costOf, priceFor, PRICES_DATE, type ModelPrice } from './prices.js';
import { countRequestTokens, encodingFor, loadTokenizer, requestBody, type EncodingName } from './tokens.js';

export interface ShardStats {
  file: string;
  lines: number;
  bytes: number;
  inputTokens: number;
}

export interface CostEstimate {
  /** $ for the input tokens */
  input: number;
  /** $ for the output upper bound; null when some requests set no max_tokens */
  output: number | null;
  /** input + output, or null when output is unknown */
  total: number | null;
}

export interface BatchStats {
  name: string;
  provider: string;
  model: string;
  endpoint: string;
  rows: number;
  requests: number;
  rejected: number;
  bytes: number;
  shards: ShardStats[];
  inputTokens: number;
  encoding: EncodingName;
  /** false: the model is not an OpenAI model and the count is an o200k_base estimate */
  tokensExact: boolean;
  /** max_tokens (or max_completion_tokens / max_output_tokens) summed over requests: an upper bound */
  outputTokensMax: number;
  /** chat requests without any max-tokens parameter: their output has no bound */
  unboundedRequests: number;
  maxTokensPerShard: number | null;
  /** the batch price row used, or null when no price is known for the model */
  price: ModelPrice | null;
  cost: CostEstimate | null;
}

export interface StatsResult {
  ok: boolean;
  problems: Problem[];
  batches: BatchStats[];
  pricesDate: string;
  ms: number;
}

const OUTPUT_LIMIT_KEYS = ['max_completion_tokens', 'max_tokens', 'max_output_tokens'] as const;

/** The body's output-token limit; null when it has none. */
export function outputLimit(body: Record<string, Json>): number | null {
  for (const k of OUTPUT_LIMIT_KEYS) {
    const v = body[k];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return null;
}

export async function stats(opts: ToolOptions = {}): Promise<StatsResult> {
  const started = performance.now();
  const loaded = await loadPrepared(opts);
  if (!loaded.ok) return { ok: false, problems: loaded.problems, batches: [], pricesDate: PRICES_DATE, ms: 0 };
  const problems = [...loaded.problems];
  const batches: BatchStats[] = [];
  for (const pb of loaded.batches) batches.push(await batchStats(pb, problems));
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    problems,
    batches,
    pricesDate: PRICES_DATE,
    ms: Math.round(performance.now() - started),
  };
}

async function batchStats({ batch, plan, files }: ToolBatch, problems: Problem[]): Promise<BatchStats> {
  const { encoding, exact } = encodingFor(batch.model);
  const count = await loadTokenizer(encoding);
  const validator = new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes);
  const planner = new ShardPlanner({
    maxBytes: batch.maxBytes,
    ...(batch.maxLines !== undefined && { maxLines: batch.maxLines }),
    ...(batch.maxTokensPerShard !== undefined && { maxTokens: batch.maxTokensPerShard }),
  });
  const embeddings = batch.endpoint.endsWith('/embeddings');
  const report = problemReporter(batch.onError === 'skip', problems);
  const firstIds: string[] = [];
  const firstOrigins: Row['origin'][] = [];
  const counts: RowCounts = { scanned: 0, skipped: 0 };
  let rows = 0;
  let requests = 0;
  let inputTokens = 0;
  let outputTokensMax = 0;
  let unboundedRequests = 0;
  for await (const chunk of batchRows(batch, files, plan, counts)) {
    for (const row of chunk) {
      rows++;
      if (row.fault) {
        report(row.fault);
        continue;
      }
      let req;
      try {
        req = plan.render(row);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        report(e.problem);
        continue;
      }
      const bytes = Buffer.byteLength(req.line) + 1;
      const p = validator.checkId(req.customId, row.origin) ?? validator.checkSize(req.customId, bytes, row.origin);
      if (p) {
        report(p);
        continue;
      }
      const body = requestBody(JSON.parse(req.line) as Record<string, Json>);
      const tokens = countRequestTokens(count, body);
      if (planner.place(bytes, tokens)) {
        firstIds.push(req.customId);
        firstOrigins.push(row.origin);
      }
      requests++;
      inputTokens += tokens;
      if (!embeddings) {
        const limit = outputLimit(body);
        if (limit === null) unboundedRequests++;
        else outputTokensMax += limit;
      }
    }
  }
  report.finish();
  const shards = planner.shards.map((s, i) => ({ file: shardFileName(batch.name, i + 1), lines: s.lines, bytes: s.bytes, inputTokens: s.tokens }));
  const budget = batch.maxTokensPerShard;
  if (budget !== undefined) {
    shards.forEach((s, i) => {
      if (s.inputTokens > budget) {
        problems.push(problem(E.ShardOverTokenBudget, { file: s.file, tokens: s.inputTokens, max: budget, id: firstIds[i]! }, firstOrigins[i], 'warning'));
      }
    });
  }
  const price = priceFor(batch.model) ?? null;
  let cost: CostEstimate | null = null;
  if (price) {
    const output = unboundedRequests > 0 ? null : toNanoDollars(costOf(price, 0, outputTokensMax));
    const input = toNanoDollars(costOf(price, inputTokens, 0));
    cost = { input, output, total: output === null ? null : toNanoDollars(input + output) };
  }
  return {
    name: batch.name,
    provider: batch.provider.name,
    model: batch.model,
    endpoint: batch.endpoint,
    rows,
    requests,
    rejected: rows - requests,
    bytes: planner.bytes,
    shards,
    inputTokens,
    encoding,
    tokensExact: exact,
    outputTokensMax,
    unboundedRequests,
    maxTokensPerShard: budget ?? null,
    price,
    cost,
  };
}

/** rounds away float noise (0.0000504000000001) so the JSON shows what was meant */
const toNanoDollars = (x: number) => Number(x.toFixed(9));

/**
 * Row problems as a build reports them: with on_error: fail the same error at the same place is
 * shown SAME_PROBLEM_SHOWN times and then counted, at most MAX_PROBLEMS are shown; with skip they
 * are only counted (a build would write them to rejects.jsonl). Unlike a build, stats reads on to
 * the end so that every count is complete.
 */
function problemReporter(skip: boolean, problems: Problem[]): ((p: Problem) => void) & { finish(): void } {
  const same = new Map<string, { count: number; first: Problem }>();
  let shown = 0;
  let capped = false;
  const report = (p: Problem) => {
    if (skip) return;
    const key = `${p.code} ${p.location ? formatLocation(p.location) : ''}`;
    const seen = same.get(key);
    if (seen) {
      if (++seen.count > SAME_PROBLEM_SHOWN) return;
    } else same.set(key, { count: 1, first: p });
    if (shown >= MAX_PROBLEMS) {
      if (!capped) problems.push(problem(E.ProblemsCapped, { limit: MAX_PROBLEMS }));
      capped = true;
      return;
    }
    shown++;
    problems.push(p);
  };
  report.finish = () => {
    for (const { count, first } of same.values()) {
      if (count > SAME_PROBLEM_SHOWN) problems.push(problem(E.SameProblemMore, { more: count - SAME_PROBLEM_SHOWN, code: first.code }, first.location));
    }
  };
  return report;
}
