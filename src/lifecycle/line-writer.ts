/** Writes a text file line by line with backpressure, into a temp file renamed on `close`, so readers never see half a file. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export function lineWriter(path: string): LineWriter {
  const temp = join(dirname(path), `.batchforge-tmp-${process.pid}-${basename(path)}`);
  const out = createWriteStream(temp);
  const finish = async () => {
    out.end();
    await once(out, 'close');
  };
  return {
    async write(line) {
      if (!out.write(line + '\n')) await once(out, 'drain');
    },
    async close() {
      await finish();
      await rename(temp, path);
    },
    async abort() {
      await finish();
      await rm(temp, { force: true });
    },
  };
}
