/**
 * The worker threads of one threaded group run (group-thread.ts), and the requests made of them.
 * A worker answers its requests in the order they were sent, so each worker's unanswered requests
 * are a queue. A worker that fails is a bug: every request waiting on it fails with its error.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
import type { ParseRequest, Recycle, RenderRequest, ThreadInit, ThreadReply } from './messages.js';
import { holdAfterWorkerStart } from '../util/young-generation.js';
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
 * A worker's heap: its live data is one part's rows and lines (a few MB), and limits make it
 * collect instead of growing. Its young generation is WORKER_SEMI_MB a semi-space from the start:
 * `--min-semi-space-size`, which V8 reads when the worker's heap is made (setting it at run time is
 * safe; close() puts V8's default back), and which is the most LIMITS allow. Workload (a), 1M rows,
 * 2 workers on 2 cores, young/old generation MB → wall s, CPU s, peak RSS MB: V8's defaults 5.1 s,
 * 8.2 s, 410 MB; 12/64 growing 4.2–4.5 s, 8.0 s, 162 MB; 24/64 from the start 4.1–4.2 s, 7.6 s,
 * 168 MB.
 */
const WORKER_SEMI_MB = 8;
const LIMITS = { maxYoungGenerationSizeMb: 3 * WORKER_SEMI_MB, maxOldGenerationSizeMb: 64 };

interface Waiting {
  resolve(reply: ThreadReply): void;
  reject(err: Error): void;
}

export class GroupThreads {
  private readonly workers: Worker[] = [];
  private readonly waiting: Waiting[][] = [];

  constructor(count: number, init: ThreadInit) {
    setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_MB}`);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(THREAD, { workerData: init, resourceLimits: LIMITS });
      worker.once('online', holdAfterWorkerStart);
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
    setFlagsFromString('--min-semi-space-size=0');
  }
}
