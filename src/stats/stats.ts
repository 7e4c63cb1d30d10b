/**
 * stats: a dry run over the whole source. Every row goes through the build's own outcome stream
 * (pipeline/outcomes.ts) and each partition's requests are placed into shards by the same
 * ShardPlanner as the build's ShardWriter, but nothing is written. Adds what a build does not
 * count: input tokens per request (a real tokenizer, see tokens.ts), an upper bound on output
 * tokens (max_tokens × requests) and a cost estimate at batch prices (prices.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E, problem, type Problem } from '../errors/index.js';
import { nameDuplicates, type PendingDuplicate } from '../pipeline/name-duplicates.js';
import { groupOutcomes } from '../pipeline/outcomes.js';
import type { RowCounts } from '../pipeline/rows.js';
import { partitionsOf, type PartitionBase } from '../pipeline/partitions.js';
import type { PreparedGroup } from '../pipeline/prepare.js';
import { MAX_PROBLEMS, ProblemTally } from '../pipeline/problem-tally.js';
import type { Origin } from '../stages/load/row.js';
import type { Json } from '../stages/render/tree.js';
import { ShardPlanner } from '../stages/shard/shard-plan.js';
import { shardFileName } from '../stages/shard/shard-writer.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import { loadPrepared, type ToolOptions } from '../tools/load-prepared.js';
import { maxUnits, unitsPerRequest } from '../providers/units.js';
import { costOf, priceFor, PRICES_DATE, type ModelPrice } from './prices.js';
import { countRequestTokens, encodingFor, loadTokenizer, outputBound, requestBody, type CountText, type EncodingName } from './tokens.js';

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

/** The body's output-token limit, in any provider's shape (tokens.ts); null when it has none. */
export const outputLimit = outputBound;

export async function stats(opts: ToolOptions = {}): Promise<StatsResult> {
  const started = performance.now();
  const loaded = await loadPrepared(opts);
  if (!loaded.ok) return { ok: false, problems: loaded.problems, batches: [], pricesDate: PRICES_DATE, ms: 0 };
  const problems = [...loaded.problems];
  const batches: BatchStats[] = [];
  for (const group of loaded.groups) {
    const res = await withSpilledIds((ids, spillDir) => groupStats(group, ids, spillDir));
    problems.push(...res.problems);
    batches.push(...res.batches.filter((b) => loaded.shows(b.name)));
  }
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    problems,
    batches,
    pricesDate: PRICES_DATE,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Runs a pass with ids that spill to a temp folder past MEMORY_IDS, as a build keeps them; when
 * the spill finds duplicates after the last row, the pass is run again with them known (the
 * build's strategy), so that stats reports exactly the build's rejects.
 */
async function withSpilledIds<T>(pass: (ids: UniqueIds, spillDir: string) => Promise<T>): Promise<T> {
  const spillDir = mkdtempSync(path.join(os.tmpdir(), 'batchforge-ids-'));
  try {
    let ids = new UniqueIds({ spillDir });
    const first = await pass(ids, spillDir);
    const late = ids.finish();
    if (late.length === 0) return first;
    ids = new UniqueIds({ spillDir, known: late });
    return await pass(ids, spillDir);
  } finally {
    rmSync(spillDir, { recursive: true, force: true });
  }
}

interface PartitionStats extends PartitionBase {
  planner: ShardPlanner;
  count: CountText;
  encoding: EncodingName;
  exact: boolean;
  requests: number;
  inputTokens: number;
  outputTokensMax: number;
  unboundedRequests: number;
  /** first request of each planned shard, for the over-budget warning */
  firstIds: string[];
  firstOrigins: Origin[];
}

/**
 * A dry run of one group: its outcomes (the build's own), counted and placed into shards by the
 * same ShardPlanner per partition, with input tokens. Problems are reported as a build reports
 * them (duplicates named with their first row), but stats reads on to the end so that every
 * count is complete.
 */
async function groupStats(group: PreparedGroup, ids: UniqueIds, spillDir: string): Promise<{ batches: BatchStats[]; problems: Problem[] }> {
  const skip = group.variants[0]!.batch.onError === 'skip';
  const { partitions, ofLane: parts } = await partitionsOf<PartitionStats>(group, async (batch) => {
    const { encoding, exact } = encodingFor(batch.model);
    const units = maxUnits(batch.provider, batch.endpoint);
    return {
      planner: new ShardPlanner({
        maxBytes: batch.maxBytes,
        ...(batch.maxLines !== undefined && { maxLines: batch.maxLines }),
        ...(batch.maxTokensPerShard !== undefined && { maxTokens: batch.maxTokensPerShard }),
        ...(units !== undefined && { maxUnits: units }),
      }),
      count: await loadTokenizer(encoding),
      encoding,
      exact,
      requests: 0,
      inputTokens: 0,
      outputTokensMax: 0,
      unboundedRequests: 0,
      firstIds: [],
      firstOrigins: [],
    };
  });
  const tally = new ProblemTally(MAX_PROBLEMS, problem(E.ProblemsCapped, { limit: MAX_PROBLEMS }));
  const duplicates: PendingDuplicate[] = [];
  let rows = 0;
  // the loader's warnings (bytes invalid in a file's encoding) are reported as the build reports them
  const counts: RowCounts = { scanned: 0, skipped: 0, warnings: [] };
  for await (const chunk of groupOutcomes(group, { ids, counts })) {
    rows += chunk.rows.length;
    for (const o of chunk.outcomes) {
      if (o.problem !== undefined) {
        if (!skip && tally.add(o.problem) && o.duplicate && tally.problems.at(-1) === o.problem) duplicates.push({ at: tally.count - 1, id: o.id!, origin: o.row.origin });
        continue;
      }
      const part = parts[o.lane.index]!;
      const body = requestBody(JSON.parse(o.line) as Record<string, Json>);
      const tokens = countRequestTokens(part.count, body);
      if (part.planner.place(o.bytes, tokens, unitsPerRequest(part.batch))) {
        part.firstIds.push(o.id);
        part.firstOrigins.push(o.row.origin);
      }
      part.requests++;
      part.inputTokens += tokens;
      if (!part.batch.endpoint.endsWith('/embeddings')) {
        const limit = outputLimit(body);
        if (limit === null) part.unboundedRequests++;
        else part.outputTokensMax += limit;
      }
    }
  }
  // a second id set, spilling beside the first, keeps this pass's memory bounded too
  const shown = await nameDuplicates(group, tally.problems, duplicates, { spillDir: path.join(spillDir, 'first') });
  const problems = [...counts.warnings!, ...tally.finish(shown)];
  const batches = partitions.map((part) => partitionStats(part, rows, problems));
  return { batches, problems };
}

function partitionStats(part: PartitionStats, rows: number, problems: Problem[]): BatchStats {
  const { batch, planner } = part;
  const shards = planner.shards.map((s, i) => ({ file: shardFileName(batch.name, i + 1), lines: s.lines, bytes: s.bytes, inputTokens: s.tokens }));
  const budget = batch.maxTokensPerShard;
  if (budget !== undefined) {
    shards.forEach((s, i) => {
      if (s.inputTokens > budget) {
        problems.push(problem(E.ShardOverTokenBudget, { file: s.file, tokens: s.inputTokens, max: budget, id: part.firstIds[i]! }, part.firstOrigins[i], 'warning'));
      }
    });
  }
  const price = priceFor(batch.model) ?? null;
  let cost: CostEstimate | null = null;
  if (price) {
    const output = part.unboundedRequests > 0 ? null : toNanoDollars(costOf(price, 0, part.outputTokensMax));
    const input = toNanoDollars(costOf(price, part.inputTokens, 0));
    cost = { input, output, total: output === null ? null : toNanoDollars(input + output) };
  }
  return {
    name: batch.name,
    provider: batch.provider.name,
    model: batch.model,
    endpoint: batch.endpoint,
    rows,
    requests: part.requests,
    rejected: rows * part.lanes - part.requests,
    bytes: planner.bytes,
    shards,
    inputTokens: part.inputTokens,
    encoding: part.encoding,
    tokensExact: part.exact,
    outputTokensMax: part.outputTokensMax,
    unboundedRequests: part.unboundedRequests,
    maxTokensPerShard: budget ?? null,
    price,
    cost,
  };
}

/** rounds away float noise (0.0000504000000001) so the JSON shows what was meant */
const toNanoDollars = (x: number) => Number(x.toFixed(9));
