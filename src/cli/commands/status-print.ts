/** The status table and the one-line progress shown while waiting. */
import type { StatusRow } from '../../lifecycle/status.js';
import type { Io } from '../command.js';
import { n, table } from '../print.js';

const count = (x: number | null) => (x === null ? '-' : n(x));

export function statusTable(rows: StatusRow[]): string {
  return table(
    ['shard', 'batch id', 'status', 'total', 'completed', 'failed'],
    rows.map((r) => [r.file, r.batch_id ?? '-', r.status, count(r.total), count(r.completed), count(r.failed)]),
  );
}

export function progressLine(rows: StatusRow[]): string {
  const finished = rows.filter((r) => r.terminal).length;
  const total = rows.reduce((s, r) => s + (r.total ?? 0), 0);
  const done = rows.reduce((s, r) => s + (r.completed ?? 0) + (r.failed ?? 0), 0);
  return `waiting: ${finished}/${rows.length} batch(es) finished, ${n(done)}/${n(total)} request(s) done`;
}

/**
 * On a TTY the progress line is redrawn in place; elsewhere (CI logs) a line is printed only
 * when it changes, so logs stay short.
 */
export function progressPrinter(io: Io): { update(rows: StatusRow[]): void; end(): void } {
  let last = '';
  return {
    update(rows) {
      const line = progressLine(rows);
      if (line === last) return;
      last = line;
      io.stderr.write(io.stderr.isTTY ? `\r\u001b[2K${line}` : `${line}\n`);
    },
    end() {
      if (io.stderr.isTTY && last) io.stderr.write('\n');
    },
  };
}
