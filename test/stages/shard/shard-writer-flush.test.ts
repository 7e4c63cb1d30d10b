/**
 * With flushEarly, a finished shard is flushed to the disk in the background (shard-writer.ts):
 * synced() must wait for every flush and fail as a write would when one fails, naming the shard;
 * the descriptors close either way. fsync is made to fail here (EIO cannot be caused on a real
 * disk in a test).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';

const seen = vi.hoisted(() => ({ failAt: -1, fsyncs: 0, closes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fsync: (fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      if (seen.fsyncs++ === seen.failAt) setImmediate(() => cb(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', errno: -5, syscall: 'fsync' })));
      else fs.fsync(fd, cb);
    },
    close: (fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      seen.closes++;
      fs.close(fd, cb);
    },
  };
});

const { ShardWriter } = await import('../../../src/stages/shard/shard-writer.js');
const { build } = await import('../../../src/pipeline/build.js');
const { formatProblem } = await import('../../../src/errors/index.js');
const { project } = await import('../../support/project.js');

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'bf-shard-flush-'));
function writeFive(dir: string, flushEarly: boolean) {
  const w = new ShardWriter(dir, 'b', 1e9, 2);
  w.flushEarly = flushEarly;
  for (let i = 0; i < 5; i++) {
    const l = `{"custom_id":"r${i}"}`;
    w.write(l, Buffer.byteLength(l) + 1, `r${i}`);
  }
  w.close();
  return w;
}

afterEach(() => {
  seen.failAt = -1;
  seen.fsyncs = 0;
  seen.closes = 0;
});

describe('ShardWriter flushes each finished shard to the disk (flushEarly)', () => {
  test('synced() waits for one flush per shard; every descriptor is closed; the bytes are as written', async () => {
    const dir = tmp();
    const w = writeFive(dir, true);
    await w.synced();
    expect(seen.fsyncs).toBe(3);
    expect(seen.closes).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['b-00001.jsonl', 'b-00002.jsonl', 'b-00003.jsonl']);
    expect(readFileSync(path.join(dir, 'b-00003.jsonl'), 'utf8')).toBe('{"custom_id":"r4"}\n');
  });

  test('a failed flush makes synced() fail with its error and the shard it was for; the others still close', async () => {
    seen.failAt = 1;
    const dir = tmp();
    const w = writeFive(dir, true);
    await expect(w.synced()).rejects.toMatchObject({ code: 'EIO', syscall: 'fsync', path: path.join(dir, 'b-00002.jsonl') });
    await vi.waitFor(() => expect(seen.closes).toBe(3));
  });

  test('without flushEarly (--check, retry) nothing is flushed: the commit flushes what it places', async () => {
    const w = writeFive(tmp(), false);
    await w.synced();
    expect(seen.fsyncs).toBe(0);
  });
});

test('a build whose shard cannot be flushed fails like a failed write, and leaves the last good output as it was', async () => {
  const dir = project({
    'data/rows.csv': 'id,q\n1,a\n2,b\n3,c\n',
    'batch.config.yaml': 'model: gpt-4o-mini\nsource: { path: data/rows.csv }\ncustom_id: "r-{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\noutput: { dir: out, max_lines: 1 }\n',
  });
  seen.failAt = 0;
  const r = await build({ cwd: dir, threads: 1 });
  expect(r.ok).toBe(false);
  expect(r.problems.map((p) => formatProblem(p, { hints: false }))).toEqual(['cannot write the build into out: input/output error (EIO); the last good output is unchanged']);
  expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data']);
});
