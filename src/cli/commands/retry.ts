import { retry, RETRY_DIR } from '../../lifecycle/retry.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { n } from '../print.js';
import { dirOptions, dirUsage, resolveLifecycle, type LifecycleDeps } from './lifecycle-deps.js';

export function createRetryCommand(deps: LifecycleDeps = {}): Command {
  return {
    name: 'retry',
    usage: `batchforge retry [--dir DIR]

  Reads <dir>/results.jsonl (run \`batchforge collect\` first) and writes the original lines
  of every failed, expired or missing request, byte for byte, to <dir>/retry/ with its own
  manifest.json. Submit them with \`batchforge submit --dir <dir>/retry\`.

${dirUsage}`,
    options: dirOptions,
    async run(args, io) {
      const { outDir, shown, options } = await resolveLifecycle(args, io, deps);
      const counts = await retry(outDir, options);
      if (counts.retried === 0) {
        io.stderr.write(`nothing to retry: no failed, expired or missing request among ${n(counts.requests)}\n`);
        return EXIT.ok;
      }
      const dir = `${shown}/${RETRY_DIR}`;
      io.stderr.write(
        `wrote ${n(counts.retried)} request(s) in ${n(counts.shards)} shard(s) to ${dir}/ ` +
          `(failed ${n(counts.failed)}, expired ${n(counts.expired)}, missing ${n(counts.missing)})\n` +
          `next: batchforge submit --dir ${dir} --wait, then batchforge collect --dir ${dir}\n`,
      );
      return EXIT.ok;
    },
  };
}

