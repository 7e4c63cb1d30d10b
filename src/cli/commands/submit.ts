import { status } from '../../lifecycle/status.js';
import { submit, type SubmitEvent } from '../../lifecycle/submit.js';
import type { Command, Io } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { dirOptions, dirUsage, pollOption, resolveLifecycle, type LifecycleDeps } from './lifecycle-deps.js';
import { progressPrinter, statusTable } from './status-print.js';

function eventLine(e: SubmitEvent): string {
  switch (e.type) {
    case 'skipped':
      return `${e.file}: already submitted as ${e.batchId}`;
    case 'uploaded':
      return `${e.file}: uploaded as ${e.fileId}`;
    case 'created':
      return `${e.file}: batch ${e.batchId} created`;
    case 'adopted':
      return `${e.file}: found batch ${e.batchId}, created before an interruption`;
  }
}

export function createSubmitCommand(deps: LifecycleDeps = {}): Command {
  return {
    name: 'submit',
    usage: `batchforge submit [--dir DIR] [--wait] [--poll SECONDS] [--force]

  Uploads each shard of the build and creates its batch, recording file and batch ids in
  <dir>/submit-state.json as it goes. Running it again never submits a shard twice: shards
  already submitted with the same content are skipped, and an interrupted run resumes.
  API keys come from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, …).

${dirUsage}
  --poll SECONDS  first wait between status polls (default 5; it backs off from there)
  --wait          then poll until every batch has finished (like \`batchforge status --wait\`)
  --force         submit shards whose content changed since they were submitted, as new batches`,
    options: { ...dirOptions, wait: { type: 'boolean', short: 'w' }, poll: { type: 'string' }, force: { type: 'boolean' } },
    async run(args, io: Io) {
      const { outDir, shown, options } = await resolveLifecycle(args, io, deps);
      const summary = await submit(outDir, {
        ...options,
        force: args.values.force === true,
        onEvent: (e) => io.stderr.write(eventLine(e) + '\n'),
      });
      io.stderr.write(
        `submitted ${summary.created} batch(es), ${summary.skipped} already submitted; ids in ${shown}/submit-state.json\n`,
      );
      if (args.values.wait !== true) return EXIT.ok;
      const progress = progressPrinter(io);
      const rows = await status(outDir, {
        ...options,
        wait: true,
        ...pollOption(args, deps),
        onProgress: (r) => progress.update(r),
      });
      progress.end();
      io.stdout.write(statusTable(rows) + '\n');
      return EXIT.ok;
    },
  };
}

