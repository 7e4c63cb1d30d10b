// The hand-written Node contenders' shard writer: one buffered write stream per shard, lines batched into 64 KB
// writes, 'drain' awaited when the stream asks for it. Shared by bench/baseline.mjs and bench/jobs/node-jobs.mjs.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';

/** One file at a time, a new one whenever the next line would pass max lines or max bytes. */
export class ShardWriter {
  constructor(dir, maxBytes, maxLines, name = 'batch') {
    Object.assign(this, { dir, maxBytes, maxLines, name, index: 0, stream: null, lines: 0, bytes: 0, pending: '' });
    this.closing = [];
  }

  add(line) {
    const size = Buffer.byteLength(line) + 1;
    if (!this.stream || this.lines + 1 > this.maxLines || (this.lines > 0 && this.bytes + size > this.maxBytes)) {
      this.rotate();
    }
    this.pending += line + '\n';
    this.lines++;
    this.bytes += size;
    if (this.pending.length > 1 << 16) this.flush();
  }

  flush() {
    if (this.pending) this.stream.write(this.pending);
    this.pending = '';
  }

  rotate() {
    if (this.stream) this.close();
    this.index++;
    const file = `${this.name}-${String(this.index).padStart(5, '0')}.jsonl`;
    this.stream = createWriteStream(join(this.dir, file), { highWaterMark: 1 << 20 });
    this.lines = 0;
    this.bytes = 0;
  }

  close() {
    this.flush();
    this.stream.end();
    this.closing.push(finished(this.stream));
  }

  async drain() {
    if (this.stream?.writableNeedDrain) await once(this.stream, 'drain');
  }

  async end() {
    if (this.stream) this.close();
    await Promise.all(this.closing);
  }
}
