/**
 * The render thread's source text, served by the main thread (thread-text.ts), over a real
 * MessageChannel: the same text as reading the file here, errors as the same problems, and a
 * consumer that stops early gets the file closed.
 */
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { BatchforgeError } from '../../src/errors/index.js';
import { remoteText, serveText } from '../../src/pipeline/thread-text.js';
import type { SourceFile } from '../../src/stages/load/index.js';
import { readTextChunks } from '../../src/stages/load/read-text.js';
import { tempDir, writeTree } from '../support/tree.js';
import { openPaths } from '../support/open-files.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const serve = serveText(channel.port1);
  channel.port1.on('message', (m) => serve.onMessage(m));
  const remote = remoteText(channel.port2);
  channel.port2.on('message', (m) => remote.onMessage(m));
  return Object.assign(remote.source, { close: serve.close });
}

const settle = async (done: () => boolean) => {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

const file = (dir: string, name: string): SourceFile => ({ path: path.join(dir, name), display: `data/${name}`, format: 'csv' });

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

describe('source text from the main thread', () => {
  test('the same chunks as reading the file here, BOM dropped, multi-byte text split anywhere', async () => {
    const text = '\ufeffid,q\n' + Array.from({ length: 300 }, (_, i) => `${i},naïve café — ${'é'.repeat(i % 5)}`).join('\n');
    const dir = writeTree({ 'a.csv': text });
    const here = await collect(readTextChunks(file(dir, 'a.csv'), 37));
    const there = await collect(connect()(file(dir, 'a.csv'), 37));
    expect(there).toEqual(here);
    expect(there.join('')).toBe(text.slice(1));
    expect(there.length).toBeGreaterThan(50);
  });

  test('a file that cannot be read fails with the same problem as here', async () => {
    const dir = tempDir();
    const missing = file(dir, 'gone.csv');
    const here = await collect(readTextChunks(missing)).catch((e: unknown) => e);
    const there = await collect(connect()(missing)).catch((e: unknown) => e);
    expect(there).toBeInstanceOf(BatchforgeError);
    expect((there as BatchforgeError).problems).toEqual((here as BatchforgeError).problems);
    expect((there as BatchforgeError).problems[0]?.message).toBe('cannot read data/gone.csv: no such file');
  });

  test.skipIf(process.platform !== 'linux')('a consumer that stops early has the file closed', async () => {
    const dir = writeTree({ 'big.csv': 'n\n' + Array.from({ length: 5000 }, (_, i) => `${i}\n`).join('') });
    const big = file(dir, 'big.csv');
    let seen = 0;
    for await (const _ of connect()(big, 64)) {
      expect(openPaths()).toContain(big.path);
      if (++seen === 3) break;
    }
    // the stop message crosses the channel, then the main side closes the file
    await settle(() => !openPaths().includes(big.path));
    expect(openPaths()).not.toContain(big.path);
  });

  test.skipIf(process.platform !== 'linux')('closing the server closes files a vanished reader left open', async () => {
    const dir = writeTree({ 'big.csv': 'n\n' + Array.from({ length: 5000 }, (_, i) => `${i}\n`).join('') });
    const big = file(dir, 'big.csv');
    const source = connect();
    const chunks = source(big, 64)[Symbol.asyncIterator]();
    await chunks.next(); // the reader takes one chunk and is never heard of again (a terminated thread)
    await settle(() => openPaths().includes(big.path));
    expect(openPaths()).toContain(big.path);
    source.close();
    await settle(() => !openPaths().includes(big.path));
    expect(openPaths()).not.toContain(big.path);
  });

  test('two files read one after the other on the same channel', async () => {
    const dir = writeTree({ 'a.csv': 'x\n1\n', 'b.csv': 'y\n2\n' });
    const source = connect();
    expect((await collect(source(file(dir, 'a.csv')))).join('')).toBe('x\n1\n');
    expect((await collect(source(file(dir, 'b.csv')))).join('')).toBe('y\n2\n');
  });
});
