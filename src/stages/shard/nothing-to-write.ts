/**
 * A build that would write no request fails instead of replacing the last good output with
 * nothing, and says why: the sources had no rows, source.filter/offset kept none, or every
 * request was rejected (the first rejection, from the staged rejects.jsonl, is quoted).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { E, problem, type Problem } from '../../errors/index.js';
import type { BuildSummary } from '../../pipeline/summary.js';

export function nothingToWrite(summary: BuildSummary, sources: string[], staging: string, out: string): Problem | undefined {
  if (summary.written > 0) return undefined;
  if (summary.rejected > 0) return problem(E.BuildAllRejected, { requests: summary.rejected, first: firstReject(path.join(staging, 'rejects.jsonl')), out });
  // the partitions of one matrix batch read the same rows: count them once
  const scanned = [...new Map(summary.batches.map((b) => [b.group, b.scanned])).values()].reduce((a, n) => a + n, 0);
  if (scanned === 0) return problem(E.BuildNoRows, { files: sources, out });
  return problem(E.BuildAllFiltered, { rows: scanned, out });
}

/** `origin: message` of the first line of rejects.jsonl; only its first 64 KiB are read */
function firstReject(file: string): string {
  const buf = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const line = buf.toString('utf8', 0, n).split('\n')[0]!;
  try {
    const rec = JSON.parse(line) as { origin?: string; message?: string };
    return `${rec.origin ?? '?'}: ${rec.message ?? '?'}`;
  } catch {
    return line.slice(0, 200);
  }
}
