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
 * The heaps of a threaded run. A worker's live data is one part's rows and lines (a few MB):
 * limits make it collect instead of growing. Its young generation is fixed at WORKER_SEMI_MB a
 * semi-space from the start (`--min-semi-space-size`, read when its heap is made); and while the
 * workers run, no young generation grows (`--semi-space-growth-factor=1`): the build thread only
 * settles and writes, and with V8's default growth its young generation doubled up to 32 MB over
 * a long run (10M rows: 193 MB peak RSS, 34 MB of it the build thread's young generation).
 * Both flags are read by V8 at those moments only, so setting them at run time is safe; close()
 * puts V8's defaults back.
 *
 * Workload (a), 2 workers on 2 cores, young generation MB (semi-spaces × 3) → wall s, CPU s,
 * peak RSS MB: 1M rows, V8's defaults 5.1 s, 8.2 s, 410 MB; 12 (growing) 4.2–4.5 s, 8.0 s,
 * 162 MB (10M rows: 193 MB); 24 fixed, the build thread's fixed 4.1–4.2 s, 7.6 s, 168 MB.
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
    setFlagsFromString('--semi-space-growth-factor=1');
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
    setFlagsFromString('--min-semi-space-size=0');
    setFlagsFromString('--semi-space-growth-factor=2');
  }
}
