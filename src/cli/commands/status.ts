import { status } from '../../lifecycle/status.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { dirOptions, dirUsage, pollOption, resolveLifecycle, type LifecycleDeps } from './lifecycle-deps.js';
import { progressPrinter, statusTable } from './status-print.js';

export function createStatusCommand(deps: LifecycleDeps = {}): Command {
  return {
    name: 'status',
    usage: `batchforge status [--dir DIR] [--wait] [--poll SECONDS]

  Asks the provider about every batch of the build, saves the answers in submit-state.json
  and prints one row per shard.

${dirUsage}
  --poll SECONDS  first wait between polls (default 5)
  --wait          poll (5 s, growing to 60 s) until every batch has finished; safe to
                  interrupt with Ctrl-C and run again`,
    options: { ...dirOptions, wait: { type: 'boolean', short: 'w' }, poll: { type: 'string' } },
    async run(args, io) {
      const { outDir, options } = await resolveLifecycle(args, io, deps);
      const wait = args.values.wait === true;
      const progress = progressPrinter(io);
      const rows = await status(outDir, {
        ...options,
        wait,
        ...pollOption(args, deps),
        ...(wait && { onProgress: (r) => progress.update(r) }),
      });
      progress.end();
      io.stdout.write(statusTable(rows) + '\n');
      return EXIT.ok;
    },
  };
}

