/**
 * The worker side of a threaded build: loads the same config, parses, renders and checks one
 * group's rows (their text read by the main thread, see thread-text.ts), and posts the outcome
 * batches to the main thread, which writes them. At most IN_FLIGHT batches wait unacknowledged, so memory stays bounded when writing is the slower side;
 * an acknowledgement brings a batch's buffer back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import { BatchforgeError } from '../errors/index.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { toThreadError, type ThreadError } from '../util/thread-error.js';
import { BufferPool, groupOutcomes } from './outcomes.js';
import { prepare } from './prepare.js';
import type { RowCounts } from './rows.js';
import { remoteText, type TextRequest } from './thread-text.js';

export interface RenderThreadData {
  config: string;
  cwd: string;
  group: string;
  /** where the group's custom_ids are kept */
  ids?: UniqueIdsOptions;
}

export type RenderThreadMessage =
  | { type: 'batch'; batch: import('./outcomes.js').OutcomeBatch }
  | { type: 'done'; counts: RowCounts; late: Uint32Array }
  | { type: 'error'; error: ThreadError }
  | TextRequest;

const IN_FLIGHT = 4;

async function main(port: NonNullable<typeof parentPort>, data: RenderThreadData): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  // the source text comes from the main thread (thread-text.ts)
  const text = remoteText(port);
  // the writing thread acknowledges a batch by sending its text's buffer back, to be used again
  const pool = new BufferPool();
  port.on('message', (m: unknown) => {
    if (text.onMessage(m) || !(m instanceof ArrayBuffer)) return;
    pool.give(m);
    inFlight--;
    wake?.();
  });
  const send = (m: RenderThreadMessage) => port.postMessage(m);
  try {
    const loaded = await loadConfig({ config: data.config, cwd: data.cwd, trusted: true });
    if (!loaded.config) throw new BatchforgeError(loaded.problems);
    const group = (await prepare(loaded.config)).groups.find((g) => g.name === data.group);
    if (!group) throw new Error(`render thread: no batch ${data.group}`);
    const counts: RowCounts = { scanned: 0, skipped: 0 };
    const ids = new UniqueIds(data.ids);
    for await (const batch of groupOutcomes(group, counts, ids, pool, text.source)) {
      // the text's buffer is the batch's own (Packer.empty): moved to the writing thread, not copied
      port.postMessage({ type: 'batch', batch } satisfies RenderThreadMessage, [batch.text.buffer]);
      if (++inFlight >= IN_FLIGHT) {
        await new Promise<void>((resolve) => (wake = () => inFlight < IN_FLIGHT && resolve()));
        wake = undefined;
      }
    }
    send({ type: 'done', counts, late: ids.finish() });
  } catch (e) {
    send({ type: 'error', error: toThreadError(e) });
  } finally {
    port.close();
  }
}

if (parentPort) await main(parentPort, workerData as RenderThreadData);
