import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { blockBuffers, readBlocks } from '../../src/util/read-blocks.js';
import { writeTree } from '../support/tree.js';
import { openPaths } from '../support/open-files.js';

describe('readBlocks', () => {
  test('the file in blocks of the buffers\' size, through the same two buffers, for file after file', async () => {
    const dir = writeTree({ 'a.txt': 'abcdefghij', 'b.txt': '0123', 'empty.txt': '' });
    const bufs = blockBuffers(4);
    const read = async (name: string) => {
      const blocks: string[] = [];
      for await (const b of readBlocks(path.join(dir, name), bufs)) {
        expect(b.buffer === bufs[0].buffer || b.buffer === bufs[1].buffer).toBe(true);
        blocks.push(b.toString());
      }
      return blocks;
    };
    expect(await read('a.txt')).toEqual(['abcd', 'efgh', 'ij']);
    expect(await read('b.txt')).toEqual(['0123']);
    expect(await read('empty.txt')).toEqual([]);
  });

  test('a missing file throws the file system\'s error', async () => {
    const dir = writeTree({});
    await expect(readBlocks(path.join(dir, 'gone'), blockBuffers(4)).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test.skipIf(process.platform !== 'linux')('a caller that stops early has the file closed', async () => {
    const dir = writeTree({ 'big.txt': 'x'.repeat(1000) });
    const file = path.join(dir, 'big.txt');
    for await (const _ of readBlocks(file, blockBuffers(10))) {
      expect(openPaths()).toContain(file);
      break;
    }
    expect(openPaths()).not.toContain(file);
  });
});
