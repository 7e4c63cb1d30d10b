import { build } from '../../pipeline/build.js';
import type { BuildSummary } from '../../pipeline/summary.js';
import { displayPath } from '../../util/paths.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { bytes, n, printProblems, table } from '../print.js';
import { createProgress } from '../progress.js';
import { E, exitCodeFor, problem } from '../../errors/index.js';

export const buildCommand: Command = {
  name: 'build',
  usage: `batchforge build [--config FILE] [--check] [--json] [--threads N | --single-thread]

  Reads batch.config.yaml (or --config), streams every source row through the templates
  and writes <output.dir>/<batch>-00001.jsonl … plus manifest.json, atomically.

  --config FILE   the config file (default: found from the current folder upwards)
  --check         build in a temp folder and compare with the existing output; exit 1 and
                  name the differing files when it is stale; writes nothing
  --json          print the summary as JSON on stdout
  --threads N     read each group in parts on N worker threads (default: one per core
                  when source bytes × matrix variants reach 48 MB); the same bytes either way
  --single-thread the same as --threads 1: the whole build on one thread`,
  options: {
    config: { type: 'string', short: 'c' },
    check: { type: 'boolean' },
    json: { type: 'boolean' },
    'single-thread': { type: 'boolean' },
    threads: { type: 'string' },
  },
  async run({ values }, io) {
    let threads: number | undefined;
    if (values['single-thread']) threads = 1;
    else if (typeof values.threads === 'string') {
      threads = /^\d+$/.test(values.threads) ? Number(values.threads) : NaN;
      if (!(threads >= 1 && threads <= 64)) {
        printProblems(io, [problem(E.ThreadsCountBad, { threads: values.threads })]);
        return EXIT.config;
      }
    }
    const progress = createProgress(io);
    const result = await build({
      cwd: io.cwd,
      ...(typeof values.config === 'string' && { config: values.config }),
      check: values.check === true,
      ...(threads !== undefined && { threads }),
      ...(progress && { onProgress: (p) => progress.update(p) }),
    }).finally(() => progress?.done());
    printProblems(io, result.problems);
    const outShown = result.outDir ? displayPath(result.outDir, io.cwd) || '.' : '';
    if (values.json) {
      io.stdout.write(JSON.stringify({ ok: result.ok, out: outShown, summary: result.summary ?? null, stale: result.stale ?? [], problems: result.problems }, null, 2) + '\n');
    } else if (result.summary && result.ok) {
      io.stderr.write(summaryTable(result.summary) + '\n');
      const verb = values.check ? `${outShown}/ is up to date` : `built ${outShown}/`;
      io.stderr.write(`${verb} in ${(result.summary.ms / 1000).toFixed(2)} s\n`);
    } else if (result.summary && result.summary.rejected > 0 && result.stale === undefined && !result.problems.some((p) => p.code === E.BuildAllRejected.code)) {
      // (build-all-rejected already said it: on_error: skip rejected every request)
      const { rows, requests, rejected, notReached, stopped } = result.summary;
      printProblems(io, [problem(E.BuildFailed, { rows, requests, rejected, notReached, stopped, out: `${outShown}/` })]);
    }
    if (result.ok) return EXIT.ok;
    return exitCodeFor(result.problems) || EXIT.data;
  },
};

export function summaryTable(s: BuildSummary): string {
  const rows = s.batches.map((b) => [b.name, b.provider, n(b.rows), n(b.written), n(b.rejected), n(b.shards), bytes(b.bytes)]);
  if (s.batches.length > 1) rows.push(['total', '', n(s.rows), n(s.written), n(s.rejected), n(s.shards), bytes(s.bytes)]);
  return table(['batch', 'provider', 'rows', 'written', 'rejected', 'shards', 'bytes'], rows);
}
