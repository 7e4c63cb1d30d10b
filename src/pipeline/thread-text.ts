/**
 * Source text for a render thread, read and decoded on the main thread: in a threaded build the
 * render thread is the busy one (parse, render, escape, encode) and the main thread mostly waits
 * for it, so the reads and the UTF-8 decoding move to the main thread, and the text crosses as
 * strings (a copy, much cheaper than decoding). Up to AHEAD chunks per file wait in flight.
 *
 * serveText runs on the main thread and answers the render thread's requests; remoteText is the
 * render thread's TextSource that asks for them.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { SourceFile, TextSource } from '../stages/load/index.js';
import { readTextChunks } from '../stages/load/read-text.js';
import { Inbox } from '../util/inbox.js';
import { fromThreadError, toThreadError, type ThreadError } from '../util/thread-error.js';

const AHEAD = 4;

/** render thread → main thread */
export type TextRequest = { type: 'read'; id: number; file: SourceFile; readBytes?: number } | { type: 'more' | 'stop'; id: number };

/** main thread → render thread */
export type TextReply =
  | { type: 'text'; id: number; text: string }
  | { type: 'end'; id: number }
  | { type: 'fail'; id: number; error: ThreadError };

const isRequest = (m: unknown): m is TextRequest => {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'read' || t === 'more' || t === 'stop';
};

/**
 * Main thread: reads the files the worker asks for. `onMessage` must see the worker's messages
 * (true when it took one); `close` stops every read and closes its file (a worker that stopped
 * or was stopped asks for nothing more).
 */
export function serveText(worker: Pick<Worker, 'postMessage'>): { onMessage: (m: unknown) => boolean; close: () => void } {
  const streams = new Map<number, { credit: number; wake?: () => void; stopped: boolean }>();
  const reply = (m: TextReply) => worker.postMessage(m);
  const pump = async (id: number, file: SourceFile, readBytes: number | undefined) => {
    const s = streams.get(id)!;
    const chunks = readTextChunks(file, readBytes);
    try {
      for await (const text of chunks) {
        if (s.stopped) return;
        reply({ type: 'text', id, text });
        s.credit--;
        while (s.credit <= 0 && !s.stopped) await new Promise<void>((resolve) => (s.wake = resolve));
        if (s.stopped) return; // leaving the loop closes the file
      }
      reply({ type: 'end', id });
    } catch (e) {
      reply({ type: 'fail', id, error: toThreadError(e) });
    } finally {
      streams.delete(id);
    }
  };
  const stop = (s: { wake?: () => void; stopped: boolean }) => {
    s.stopped = true;
    s.wake?.();
    s.wake = undefined;
  };
  const onMessage = (m: unknown): boolean => {
    if (!isRequest(m)) return false;
    if (m.type === 'read') {
      streams.set(m.id, { credit: AHEAD, stopped: false });
      void pump(m.id, m.file, m.readBytes);
      return true;
    }
    const s = streams.get(m.id);
    if (!s) return true;
    if (m.type === 'stop') {
      stop(s);
    } else {
      s.credit++;
      s.wake?.();
      s.wake = undefined;
    }
    return true;
  };
  return { onMessage, close: () => streams.forEach(stop) };
}

/** Render thread: a TextSource served by the main thread. `onMessage` must see the port's messages; true when it took one. */
export function remoteText(port: MessagePort): { source: TextSource; onMessage: (m: unknown) => boolean } {
  let next = 0;
  const streams = new Map<number, Inbox<TextReply>>();
  const onMessage = (m: unknown): boolean => {
    const t = (m as { type?: unknown } | null)?.type;
    if (t !== 'text' && t !== 'end' && t !== 'fail') return false;
    streams.get((m as TextReply).id)?.push(m as TextReply);
    return true;
  };
  const request = (m: TextRequest) => port.postMessage(m);
  async function* source(file: SourceFile, readBytes?: number): AsyncGenerator<string> {
    const id = next++;
    const inbox = new Inbox<TextReply>();
    streams.set(id, inbox);
    request({ type: 'read', id, file, ...(readBytes !== undefined && { readBytes }) });
    let open = true;
    try {
      for (;;) {
        const m = await inbox.take();
        if (m.type !== 'text') {
          open = false;
          if (m.type === 'fail') throw fromThreadError(m.error);
          return;
        }
        request({ type: 'more', id });
        yield m.text;
      }
    } finally {
      streams.delete(id);
      // stopped early (a limit was reached): the main thread closes the file
      if (open) request({ type: 'stop', id });
    }
  }
  return { source, onMessage };
}
