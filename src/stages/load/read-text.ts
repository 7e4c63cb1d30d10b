/**
 * A file as decoded text chunks (decode-text.ts: BOM, source.encoding, invalid bytes). The file is
 * closed when the consumer stops early, too (the generator's finally runs on return()).
 *
 * Measured on 355 MB of CSV (2026-11-22): TextDecoder in stream mode decodes in 0.55 s where
 * StringDecoder takes 0.92 s. 64 KiB reads keep fewer chunks alive (CSV values are slices of
 * them): 150 MB peak RSS for a 1M-row build against 310 MB with 256 KiB, at the same speed.
 */
import { open } from 'node:fs/promises';
import { BatchforgeError, E, problem, type Problem } from '../../errors/index.js';
import { countLineBreaks } from './count-lines.js';
import { SourceDecoder } from './decode-text.js';
import { blockBuffers, readBlocks } from '../../util/read-blocks.js';
import type { ByteSinkFor, SourceFile } from './source-file.js';

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

/**
 * The file's text in chunks, decoded as source.encoding (or its BOM) says. Bytes invalid in that
 * encoding are reported once, at their line: `onWarning` gets the problem as a warning, or with
 * strict_encoding the read stops with it as an error.
 */
export async function* readTextChunks(
  file: SourceFile,
  readBytes = DEFAULT_READ_BYTES,
  onWarning?: (p: Problem) => void,
  onBytes?: ByteSinkFor,
): AsyncGenerator<string> {
  const decoding = file.decoding ?? {};
  const decoder = new SourceDecoder(decoding);
  /** file offset of the next block */
  let offset = 0;
  let reported = false;
  const checked = async (text: string, blockStart: number): Promise<string> => {
    if (reported || decoder.invalidAt === undefined) return text;
    reported = true;
    const line = (await linesBefore(file, blockStart)) + countLineBreaks(text, 0, decoder.invalidAt) + 1;
    const p = problem(E.SourceEncodingInvalid, { encoding: decoder.encoding }, { file: file.display, line }, decoding.strict ? 'error' : 'warning');
    if (decoding.strict) throw new BatchforgeError(p);
    onWarning?.(p);
    return text;
  };
  const sink = onBytes?.(file);
  try {
    // the next block is read while this one's text is decoded and parsed
    for await (const block of readBlocks(file.path, blockBuffers(readBytes))) {
      sink?.(block);
      const start = offset;
      offset += block.byteLength;
      const text = await checked(decoder.decode(block), start);
      if (text.length > 0) yield text;
    }
  } catch (err) {
    if (err instanceof BatchforgeError) throw err;
    throw unreadable(file, err);
  }
  sink?.(null);
  const rest = await checked(decoder.end(), offset);
  if (rest.length > 0) yield rest;
}

/** line breaks in the file's text before byte `end` (read again: only for a file with invalid bytes) */
async function linesBefore(file: SourceFile, end: number): Promise<number> {
  if (end === 0) return 0;
  const decoder = new SourceDecoder(file.decoding ?? {});
  const handle = await open(file.path, 'r');
  let lines = 0;
  try {
    const buf = Buffer.allocUnsafe(DEFAULT_READ_BYTES);
    // a CR at the end of one piece and an LF at the start of the next are one line end
    let carry = '';
    for (let at = 0; at < end; ) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, end - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
      const text = carry + decoder.decode(buf.subarray(0, bytesRead));
      const cut = text.endsWith('\r') ? text.length - 1 : text.length;
      lines += countLineBreaks(text, 0, cut);
      carry = text.slice(cut);
    }
    lines += countLineBreaks(carry, 0, carry.length);
  } finally {
    await handle.close();
  }
  return lines;
}
