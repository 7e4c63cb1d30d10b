/**
 * Threaded builds: a worker parses, renders, checks and encodes a group's rows (render-thread.ts)
 * while this thread reads the sources for it (thread-text.ts) and writes the shards — the two
 * halves of a build on the two cores. Used when the compiled worker exists (it runs from dist/,
 * not from TypeScript sources under test) and the sources are big enough to pay for a second
 * config load.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Inbox } from '../util/inbox.js';
import { fromThreadError } from '../util/thread-error.js';
import type { OutcomeBatch } from './outcomes.js';
import type { PreparedGroup } from './prepare.js';
import type { RenderThreadData, RenderThreadMessage } from './render-thread.js';
import type { RowCounts } from './rows.js';
import { serveText, type TextRequest } from './thread-text.js';

const THREAD = new URL('./render-thread.js', import.meta.url);
/** below this much source data a second thread costs more (its own config load) than it saves */
export const THREAD_MIN_BYTES = 8 * 1024 * 1024;
/**
 * The render loop makes ~2 KB of short-lived strings per row. What survives a young-generation GC
 * is one chunk of rows (DEFAULT_CHUNK_ROWS), so a small young generation is cheap: 1M rows measured
 * 7.6 s / 150 MB at 16 MB, 7.8 s / 150 MB at 24 MB, 7.7 s / 161 MB at 32 MB.
 */
const YOUNG_MB = 16;

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
  const inbox = new Inbox<Exclude<RenderThreadMessage, TextRequest> | { type: 'failed'; error: Error } | { type: 'exit' }>();
  const serve = serveText(worker);
  worker.on('message', (m: RenderThreadMessage) => {
    if (!serve.onMessage(m)) inbox.push(m as Exclude<RenderThreadMessage, TextRequest>);
  });
  worker.on('error', (error) => inbox.push({ type: 'failed', error }));
  worker.on('exit', () => inbox.push({ type: 'exit' }));
  try {
    for (;;) {
      const m = await inbox.take();
      if (m.type === 'batch') {
        yield m.batch;
        // written: the acknowledgement gives the text's buffer back to be filled again
        const { buffer } = m.batch.text;
        worker.postMessage(buffer, [buffer]);
      } else if (m.type === 'done') {
        Object.assign(counts, m.counts);
        end.late = m.late;
        return;
      } else if (m.type === 'error') {
        throw fromThreadError(m.error, 'render thread: ');
      } else if (m.type === 'failed') {
        throw m.error;
      } else {
        throw new Error('render thread stopped before it finished');
      }
    }
  } finally {
    serve.close();
    await worker.terminate();
  }
}
