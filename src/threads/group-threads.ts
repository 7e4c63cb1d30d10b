/**
 * The worker threads of one threaded group run (group-thread.ts), and the requests made of them.
 * A worker answers its requests in the order they were sent, so each worker's unanswered requests
 * are a queue. A worker that fails is a bug: every request waiting on it fails with its error.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
import type { ParseRequest, Recycle, RenderRequest, ThreadInit, ThreadReply } from './messages.js';
import { OneThreadNeeded } from './one-thread-needed.js';

const THREAD = new URL('./group-thread.js', import.meta.url);

/** Worker threads exist when batchforge runs compiled (dist/), not from TypeScript sources under test. */
export function threadsAvailable(): boolean {
  return THREAD.protocol === 'file:' && existsSync(fileURLToPath(THREAD));
}

/** threads a build uses by default: one per core */
export function defaultThreads(): number {
  return os.availableParallelism();
}

/**
 * A worker's heap: its live data is one part's text and rows (a few MB); limits make it collect
 * instead of growing, and cost CPU the tighter they are. 1M rows of workload (a) on 2 workers,
 * 2 cores, medians of 3 (young/old MB → wall s, CPU s, peak RSS MB of the process): V8's defaults
 * 5.1 s, 8.2 s, 410 MB; 16/64 5.0 s, 8.4 s, 208 MB; 12/64 5.6 s, 9.8 s, 193 MB; 12/32 5.6 s, 9.5 s,
 * 184–196 MB. 12/64 is the fastest that keeps a build under 200 MB.
 */
const LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 64 };

interface Waiting {
  resolve(reply: ThreadReply): void;
  reject(err: Error): void;
}

export class GroupThreads {
  private readonly workers: Worker[] = [];
  private readonly waiting: Waiting[][] = [];

  constructor(count: number, init: ThreadInit) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(THREAD, { workerData: init, resourceLimits: LIMITS });
      const queue: Waiting[] = [];
      const failAll = (err: Error) => {
        // a part bigger than a worker's heap (a huge record): the build thread reads the group
        const why = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new OneThreadNeeded('a part needs more memory than a worker thread has') : err;
        for (const w of queue.splice(0)) w.reject(why);
      };
      worker.on('message', (m: ThreadReply) => {
        const w = queue.shift();
        if (!w) return;
        if ('error' in m) {
          const err = new Error(`worker thread: ${m.error.message}`);
          if (m.error.stack !== undefined) err.stack = m.error.stack;
          w.reject(err);
        } else w.resolve(m);
      });
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`worker thread stopped (exit code ${code})`)));
      this.workers.push(worker);
      this.waiting.push(queue);
    }
  }

  get count(): number {
    return this.workers.length;
  }

  request<R extends ThreadReply>(worker: number, message: ParseRequest | RenderRequest, transfer: Transferable[] = []): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting[worker]!.push({ resolve: resolve as (r: ThreadReply) => void, reject });
      this.workers[worker]!.postMessage(message, transfer);
    });
  }

  /** a message that gets no reply */
  post(worker: number, message: Recycle, transfer: Transferable[] = []): void {
    this.workers[worker]!.postMessage(message, transfer);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
