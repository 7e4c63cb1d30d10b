import { BatchforgeError, E, exitCodeFor, problem } from '../../errors/index.js';
import { DEFAULT_PREVIEW_COUNT, parseRowSelector, preview, type PreviewItem } from '../../tools/preview.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printProblems } from '../print.js';

export const previewCommand: Command = {
  name: 'preview',
  usage: `batchforge preview [-n COUNT] [--row N | --row FILE:LINE | --row "FILE:row N"] [--batch NAME] [--config FILE]

  Renders requests exactly as build would and pretty-prints them, each under a header naming
  its batch, custom_id and source row. Reads only as far into the source as it needs.

  -n COUNT            requests per batch (default ${DEFAULT_PREVIEW_COUNT})
  --row N             the request of the N-th row (1-based, counted after source.filter and offset)
  --row FILE:LINE     the request of the row that starts on that line of a source file
  --row "FILE:row N"  the request of row N of a Parquet file (the form its origins are written in)
  --batch NAME        only this batch
  --config FILE       the config file (default: found from the current folder upwards)

  Exit codes as build: 1 when a shown row would be rejected, 2 for config errors.`,
  options: {
    n: { type: 'string', short: 'n' },
    row: { type: 'string' },
    batch: { type: 'string' },
    config: { type: 'string', short: 'c' },
  },
  async run({ values }, io) {
    let count = DEFAULT_PREVIEW_COUNT;
    if (typeof values.n === 'string') {
      if (!/^\d+$/.test(values.n)) throw new BatchforgeError(problem(E.PreviewCountBad, { count: values.n }));
      count = Number(values.n);
    }
    const row = typeof values.row === 'string' ? parseRowSelector(values.row, io.cwd) : undefined;
    if (typeof values.row === 'string' && !row) throw new BatchforgeError(problem(E.PreviewRowBad, { row: values.row }));
    const result = await preview({
      cwd: io.cwd,
      count,
      ...(row && { row }),
      ...(typeof values.batch === 'string' && { batch: values.batch }),
      ...(typeof values.config === 'string' && { config: values.config }),
    });
    printProblems(io, result.problems.filter((p) => p.severity === 'warning'));
    for (const item of result.items) printItem(io, item);
    printProblems(io, result.problems.filter((p) => p.severity === 'error'));
    if (result.ok) return EXIT.ok;
    return exitCodeFor([...result.problems, ...result.items.flatMap((i) => (i.problem ? [i.problem] : []))]) || EXIT.data;
  },
};

export function previewHeader(item: PreviewItem): string {
  return `── ${[item.batch, item.customId, item.origin].filter((x) => x !== undefined).join(' · ')} ──`;
}

function printItem(io: Parameters<Command['run']>[1], item: PreviewItem): void {
  if (item.problem) {
    printProblems(io, [item.problem]);
    return;
  }
  io.stdout.write(`${previewHeader(item)}\n${JSON.stringify(item.request, null, 2)}\n`);
}
