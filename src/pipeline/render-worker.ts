/**
 * Threaded builds: a worker reads, renders and checks a group's rows (render-thread.ts) while
 * this thread writes the shards — the two halves of a build on the two cores. Used when the
 * compiled worker exists (it runs from dist/, not from TypeScript sources under test) and the
 * sources are big enough to pay for a second config load.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BatchforgeError } from '../errors/index.js';
import type { OutcomeBatch } from './outcomes.js';
import type { PreparedGroup } from './prepare.js';
import type { RenderThreadData, RenderThreadMessage } from './render-thread.js';
import type { RowCounts } from './rows.js';

const THREAD = new URL('./render-thread.js', import.meta.url);
/** below this much source data a second thread costs more (its own config load) than it saves */
export const THREAD_MIN_BYTES = 8 * 1024 * 1024;
/** a worker's default young generation is small for a render loop that makes ~1 KB of strings per
 * row: measured 2.5 s of GC per 1M rows at the default, 0.7 s at 64 MB (7.3 s builds against 9.5) */
const YOUNG_MB = 64;

export function threadsAvailable(): boolean {
  return THREAD.protocol === 'file:' && existsSync(fileURLToPath(THREAD)) && os.availableParallelism() > 1;
}

export function worthThreads(group: PreparedGroup): boolean {
  return group.files.reduce((a, f) => a + statSync(f.path).size, 0) >= THREAD_MIN_BYTES;
}

/** what the render thread reports after its last batch */
export interface ThreadEnd {
  /** duplicates only its spilled ids showed (see unique-ids.ts) */
  late: Uint32Array;
}

export async function* threadedOutcomes(data: RenderThreadData, counts: RowCounts, end: ThreadEnd): AsyncGenerator<OutcomeBatch> {
  const worker = new Worker(THREAD, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  const queue: RenderThreadMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let notify: (() => void) | undefined;
  const poke = () => {
    notify?.();
    notify = undefined;
  };
  worker.on('message', (m: RenderThreadMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    failure = e;
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        if (exited) throw new Error('render thread stopped before it finished');
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      if (m.type === 'batch') {
        yield m.batch;
        worker.postMessage('ack');
      } else if (m.type === 'done') {
        Object.assign(counts, m.counts);
        end.late = m.late;
        return;
      } else if (m.type === 'problems') {
        throw new BatchforgeError(m.problems);
      } else {
        const err = new Error(`render thread: ${m.message}`);
        if (m.stack) err.stack = m.stack;
        throw err;
      }
    }
  } finally {
    await worker.terminate();
  }
}
