import { collect, RESULTS_CSV, RESULTS_JSONL } from '../../lifecycle/collect.js';
import { E, problem } from '../../errors/index.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { n, printProblems, table } from '../print.js';
import { dirOptions, dirUsage, resolveLifecycle, type LifecycleDeps } from './lifecycle-deps.js';

type StreamRequests = NonNullable<LifecycleDeps['streamRequests']>;

/** collect needs the source re-streamed in output order: the caller supplies `streamRequests`. */
export function createCollectCommand(deps: LifecycleDeps & { streamRequests: StreamRequests }): Command {
  return {
    name: 'collect',
    usage: `batchforge collect [--dir DIR] [--csv]

  Downloads the output and error files of every finished batch and joins each result to
  the source row it came from, by custom_id. Writes <dir>/results.jsonl, one line per
  request in build order: custom_id, origin, row, status, answer (or embedding), usage,
  error. Prints the counts: requests = succeeded + failed + expired + missing + canceled.

${dirUsage}
  --csv           also write <dir>/results.csv: the source columns, then custom_id,
                  status, answer, error`,
    options: { ...dirOptions, csv: { type: 'boolean' } },
    async run(args, io) {
      const { outDir, shown, configPath, options } = await resolveLifecycle(args, io, deps);
      const csv = args.values.csv === true;
      const counts = await collect(outDir, { ...options, csv, requests: deps.streamRequests(configPath, io) });
      const rows = (['succeeded', 'failed', 'expired', 'missing', 'canceled'] as const).map((k) => [k, n(counts[k])]);
      io.stdout.write(table(['requests', n(counts.requests)], rows) + '\n');
      if (counts.unmatched) printProblems(io, [problem(E.ResultsUnmatched, { results: counts.unmatched }, undefined, 'warning')]);
      const written = [RESULTS_JSONL, ...(csv ? [RESULTS_CSV] : [])].map((f) => `${shown}/${f}`);
      io.stderr.write(`wrote ${written.join(', ')}\n`);
      if (counts.failed + counts.expired + counts.missing > 0) {
        io.stderr.write('next: `batchforge retry` writes the failed, expired and missing requests as new shards\n');
      }
      return EXIT.ok;
    },
  };
}
