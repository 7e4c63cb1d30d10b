/**
 * A file's bytes in blocks, read ahead: the next read fills one buffer while the caller works on
 * the other. The two buffers are reused, since fresh ones per read pile up as external memory until
 * a GC, so a block is valid only until the next one is asked for; pass the same pair to read
 * several files one after the other. The file is closed when the caller stops early, too.
 */
import { open } from 'node:fs/promises';

export type BlockBuffers = readonly [Buffer, Buffer];

export function blockBuffers(bytes: number): BlockBuffers {
  return [Buffer.allocUnsafeSlow(bytes), Buffer.allocUnsafeSlow(bytes)];
}

export async function* readBlocks(path: string, bufs: BlockBuffers): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const read = (i: number) => fh.read(bufs[i]!, 0, bufs[i]!.length, null);
  let next: ReturnType<typeof read> | undefined = read(0);
  try {
    for (let i = 0; ; i ^= 1) {
      const n: number = (await next!).bytesRead;
      next = n === 0 ? undefined : read(i ^ 1);
      if (n === 0) return;
      const buf = bufs[i]!;
      yield n === buf.length ? buf : buf.subarray(0, n);
    }
  } finally {
    // a caller that stopped early leaves a read in flight: let it land before closing
    await next?.catch(() => undefined);
    await fh.close();
  }
}
