/**
 * Writes a text file line by line with backpressure, into a temp file flushed to disk and renamed
 * on `close`, so readers never see half a file and a power cut leaves the old file or the new one.
 * A killed process leaves its temp file; the next build in the folder removes it.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { fsyncDir, fsyncFile } from '../util/write-atomic.js';

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
      fsyncFile(temp);
      await rename(temp, path);
      fsyncDir(dirname(path));
    },
    async abort() {
      await finish();
      await rm(temp, { force: true });
    },
  };
}
