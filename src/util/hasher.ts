/**
 * sha256 of files on the second core. A build hashes every shard and every source for its
 * manifest (~1 GB for a 1M-row build, ~0.75 s of CPU); a worker thread does it while the main
 * thread goes on rendering. Files are hashed from disk once they are complete.
 */
import { Worker } from 'node:worker_threads';

// an eval worker (CommonJS), so the same code runs from src/ under vitest and from dist/
const THREAD = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, file }) => {
  try {
    const h = createHash('sha256');
    const fd = openSync(file, 'r');
    try {
      let n;
      while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, hex: h.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  }
});
`;

export class Hasher {
  private readonly worker = new Worker(THREAD, { eval: true });
  private readonly waiting = new Map<number, { resolve: (hex: string) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.worker.on('message', ({ id, hex, error }: { id: number; hex?: string; error?: string }) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (!this.waiting.size) this.worker.unref();
      if (error !== undefined) w?.reject(new Error(error));
      else w?.resolve(hex!);
    });
    this.worker.unref();
  }

  /** Hashes the file as it is on disk now. */
  hash(file: string): Promise<string> {
    const id = this.next++;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, file });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
