import { exitCodeFor } from '../../errors/index.js';
import type { BatchStats, StatsResult } from '../../stats/stats.js';
import { stats } from '../../stats/stats.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { bytes, n, printProblems, table } from '../print.js';

export const statsCommand: Command = {
  name: 'stats',
  usage: `batchforge stats [--json] [--batch NAME] [--config FILE]

  Reads the whole source, renders and checks every request as build would, and reports what a
  build would write: rows, requests, rejected rows, each shard's lines, bytes and input tokens,
  the output-token upper bound (max_tokens × requests) and the cost at batch prices.

  --json          print the figures as JSON on stdout
  --batch NAME    only this batch
  --config FILE   the config file (default: found from the current folder upwards)

  Input tokens are counted with the model's tokenizer (o200k_base or cl100k_base); for models
  that are not OpenAI's the o200k_base count is an estimate. Exit codes as build.`,
  options: {
    json: { type: 'boolean' },
    batch: { type: 'string' },
    config: { type: 'string', short: 'c' },
  },
  async run({ values }, io) {
    const result = await stats({
      cwd: io.cwd,
      ...(typeof values.batch === 'string' && { batch: values.batch }),
      ...(typeof values.config === 'string' && { config: values.config }),
    });
    printProblems(io, result.problems);
    if (values.json) io.stdout.write(JSON.stringify(statsJson(result), null, 2) + '\n');
    else if (result.batches.length) io.stdout.write(statsText(result));
    if (result.ok) return EXIT.ok;
    return exitCodeFor(result.problems) || EXIT.data;
  },
};

export function statsJson(r: StatsResult) {
  return { ok: r.ok, pricesDate: r.pricesDate, batches: r.batches, problems: r.problems, ms: r.ms };
}

/** `$0.0043`, `$12.50`: two significant digits below a dollar, cents above */
export function dollars(x: number): string {
  if (x === 0) return '$0';
  return x >= 1 ? `$${x.toFixed(2)}` : `$${Number(x.toPrecision(2))}`;
}

function costCell(b: BatchStats): string {
  if (!b.cost) return '?';
  return b.cost.total === null ? `≥ ${dollars(b.cost.input)}` : dollars(b.cost.total);
}

export function statsText(r: StatsResult): string {
  const out: string[] = [];
  const head = ['batch', 'model', 'rows', 'requests', 'rejected', 'shards', 'bytes', 'input tokens', 'output tokens ≤', 'cost'];
  out.push(
    table(
      head,
      r.batches.map((b) => [
        b.name,
        b.model,
        n(b.rows),
        n(b.requests),
        n(b.rejected),
        n(b.shards.length),
        bytes(b.bytes),
        (b.tokensExact ? '' : '≈ ') + n(b.inputTokens),
        b.unboundedRequests ? '?' : n(b.outputTokensMax),
        costCell(b),
      ]),
    ),
  );
  for (const b of r.batches) {
    if (!b.shards.length) continue;
    out.push('');
    const budget = b.maxTokensPerShard === null ? '' : ` (token budget ${n(b.maxTokensPerShard)} per shard)`;
    out.push(`${b.name}: ${b.shards.length === 1 ? '1 shard' : `${n(b.shards.length)} shards`}${budget}`);
    out.push(table(['  shard', 'lines', 'bytes', 'input tokens'], b.shards.map((s) => [`  ${s.file}`, n(s.lines), bytes(s.bytes), n(s.inputTokens)])));
  }
  out.push('');
  out.push(...notes(r));
  return out.join('\n') + '\n';
}

function notes(r: StatsResult): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const b of r.batches) {
    if (seen.has(b.model)) continue;
    seen.add(b.model);
    const tok = b.tokensExact
      ? `${b.model}: input tokens counted with ${b.encoding}`
      : `${b.model}: input tokens estimated with ${b.encoding} (not this model's own tokenizer)`;
    lines.push(`${tok}; chat framing approximated as 3 per message + 3 per request; image, audio and file parts not counted`);
    if (b.unboundedRequests) lines.push(`${b.model}: ${n(b.unboundedRequests)} request(s) set no max_tokens, so output tokens and their cost have no upper bound`);
    if (b.price) {
      lines.push(
        `${b.model}: cost at batch prices of ${r.pricesDate}, $${b.price.input} in / $${b.price.output} out per 1M tokens (${b.price.source}); output counted at its max_tokens upper bound`,
      );
    } else lines.push(`${b.model}: no price known for ${b.model}, so no cost estimate`);
  }
  return lines;
}
