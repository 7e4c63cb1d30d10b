import { describe, expect, it } from 'vitest';
import { createProgress, formatProgress } from '../../src/cli/progress.js';
import { capture } from './helpers.js';

const p = (rows: number, bytes: number, shards: number) => ({ batch: 'main', rows, written: rows, rejected: 0, bytes, shards });

describe('progress line', () => {
  it('shows rows, rows/s, bytes and shards', () => {
    expect(formatProgress(p(20_000, 3_500_000, 1), 2)).toBe('main: 20,000 rows · 10,000 rows/s · 3.5 MB · 1 shard');
    expect(formatProgress(p(0, 0, 0), 0)).toBe('main: 0 rows · 0 rows/s · 0 B · 0 shards');
  });

  it('redraws in place on a TTY at most every 100 ms and clears the line at the end', () => {
    const c = capture('/', { tty: true });
    let t = 0;
    const line = createProgress(c.io, () => t)!;
    t = 50;
    line.update(p(1024, 1000, 1));
    t = 120;
    line.update(p(2048, 2000, 1)); // 70 ms later: skipped
    t = 200;
    line.update(p(3072, 3000, 2));
    line.done();
    expect(c.stderr()).toBe(
      '\r\u001b[Kmain: 1,024 rows · 20,480 rows/s · 1.0 kB · 1 shard' + '\r\u001b[Kmain: 3,072 rows · 15,360 rows/s · 3.0 kB · 2 shards' + '\r\u001b[K',
    );
    expect(c.stdout()).toBe('');
  });

  it('cuts the line to the terminal width so that \\r can redraw it', () => {
    const c = capture('/', { tty: true, columns: 20 });
    const line = createProgress(c.io, () => 1000)!;
    line.update(p(1, 1, 1));
    expect(c.stderr()).toBe('\r\u001b[Kmain: 1 rows · 0 ro');
  });

  it('stays silent when stderr is not a TTY, or in CI', () => {
    expect(createProgress(capture('/', { tty: false }).io)).toBeUndefined();
    expect(createProgress(capture('/', { tty: true, env: { CI: 'true' } }).io)).toBeUndefined();
  });

  it('writes nothing at the end when nothing was drawn', () => {
    const c = capture('/', { tty: true });
    createProgress(c.io)!.done();
    expect(c.stderr()).toBe('');
  });
});
