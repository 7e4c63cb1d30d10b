/**
 * Every examples/<x>/batch.config.yaml (and the repository's own batch.config.yaml) is built from
 * scratch in a temp copy; the result must be byte-identical to the committed out/, reconcile
 * (rows = written + rejected) and have the provider's line shape. `build --check` through the CLI
 * must agree that the committed out/ is up to date, and write nothing.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import type { Manifest } from '../src/stages/shard/manifest.js';
import { cli } from './support/io.js';
import { lineShapeProblems } from './support/line-shape.js';
import { copyTree, readTree, REPO, shardLines, snapshot, tempDir } from './support/tree.js';

interface Case {
  /** how the test names it */
  name: string;
  /** the config's folder in the repository */
  dir: string;
  /** a fresh copy of the folder (without out/) to build in */
  copy(): string;
}

const examplesDir = path.join(REPO, 'examples');
const examples: Case[] = readdirSync(examplesDir)
  .filter((x) => existsSync(path.join(examplesDir, x, 'batch.config.yaml')))
  .sort()
  .map((x) => ({ name: `examples/${x}`, dir: path.join(examplesDir, x), copy: () => copyTree(path.join(examplesDir, x), ['out']) }));

/** the root config reads data/ and templates/ beside it; copy just those, not the whole repository */
const root: Case = {
  name: 'the repository batch.config.yaml',
  dir: REPO,
  copy() {
    const d = tempDir();
    for (const name of ['batch.config.yaml', 'data', 'templates']) cpSync(path.join(REPO, name), path.join(d, name), { recursive: true });
    return d;
  },
};

describe('examples', () => {
  it('there are at least the five documented examples', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining([
      'examples/embeddings',
      'examples/few-shot-classification',
      'examples/jsonl-multimodal',
      'examples/multi-batch',
      'examples/state-capitals',
    ]));
  });

  it('every example config starts with the schema modeline', () => {
    for (const e of examples) {
      const first = readTree(e.dir).get('batch.config.yaml')!.toString('utf8').split('\n')[0];
      expect(first, e.name).toBe('# yaml-language-server: $schema=../../batch.config.schema.json');
    }
  });
});

describe.each([...examples, root])('$name', (c) => {
  it('builds from scratch to exactly the committed out/', async () => {
    const work = c.copy();
    const result = await build({ cwd: work, config: path.join(work, 'batch.config.yaml') });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const built = readTree(path.join(work, 'out'));
    const committed = readTree(path.join(c.dir, 'out'));
    expect([...built.keys()]).toEqual([...committed.keys()]);
    for (const [file, bytes] of built) expect(bytes.equals(committed.get(file)!), `${c.name}/out/${file} is stale: run the build and commit it`).toBe(true);
  });

  it('reconciles: rows = written + rejected, per batch and in total, and the manifest agrees', async () => {
    const work = c.copy();
    const { summary, manifest } = await build({ cwd: work, config: path.join(work, 'batch.config.yaml') });
    expect(summary!.rows).toBe(summary!.written + summary!.rejected);
    for (const b of summary!.batches) expect(b.rows, b.name).toBe(b.written + b.rejected);
    for (const b of manifest!.batches) {
      expect(b.rows, b.name).toBe(b.requests + b.rejected);
      expect(b.shards.reduce((a, s) => a + s.lines, 0), b.name).toBe(b.requests);
    }
  });

  it('every line parses and has the provider line shape', () => {
    const out = path.join(c.dir, 'out');
    const manifest = JSON.parse(readTree(out).get('manifest.json')!.toString('utf8')) as Manifest;
    const facts = new Map(manifest.batches.flatMap((b) => b.shards.map((s) => [s.file, b] as const)));
    const lines = shardLines(out);
    expect(lines.length).toBe(manifest.batches.reduce((a, b) => a + b.requests, 0));
    for (const { shard, line } of lines) {
      const b = facts.get(shard)!;
      expect(lineShapeProblems(line, { provider: b.provider, endpoint: b.endpoint, model: b.model }), `${shard} ${String(line.custom_id)}`).toEqual([]);
    }
  });

  it('`build --check` says the committed out/ is up to date and writes nothing', async () => {
    const out = path.join(c.dir, 'out');
    const before = { out: snapshot(out), beside: readdirSync(c.dir).sort() };
    const rel = path.relative(REPO, path.join(c.dir, 'batch.config.yaml')).split(path.sep).join('/');
    const r = await cli(REPO, 'build', '--check', '--config', rel);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const shown = path.relative(REPO, out).split(path.sep).join('/');
    expect(r.lines.at(-1)).toMatch(new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/ is up to date in \\d+\\.\\d\\d s$`));
    expect({ out: snapshot(out), beside: readdirSync(c.dir).sort() }).toEqual(before);
  });
});
