// Checks that several output directories hold the same requests in the same order, shard by shard. Every line
// of every shard is parsed, so a difference in whitespace or key order alone is reported separately from a
// difference in what would be sent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export const shardFiles = (dir) =>
  readdirSync(dir).filter((f) => /-\d{5}\.jsonl$/.test(f)).sort().map((f) => join(dir, f));

/** Yields { where, text, lineCount? } per line, reading one shard at a time (shards are ≤ max_bytes). */
function* lines(dir) {
  for (const file of shardFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    for (let i = 0; i < all.length; i++) yield { where: `${file}:${i + 1}`, text: all[i] };
  }
}

const firstDifference = (a, b) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};
const excerpt = (text, at) => `${at > 60 ? '…' : ''}${text.slice(Math.max(0, at - 60), at + 140)}`;

/** dirs: { name: dir }. Returns { requests, bytesIdentical, layoutIdentical, mismatches: string[] }. */
export function verify(dirs) {
  const names = Object.keys(dirs);
  const mismatches = [];
  const layouts = names.map((n) => shardFiles(dirs[n]).map((f) => `${f.slice(dirs[n].length + 1)}:${readFileSync(f).length}`).join(','));
  const layoutIdentical = layouts.every((l) => l === layouts[0]);
  if (!layoutIdentical) mismatches.push(`shard sizes differ: ${names.map((n, i) => `${n} [${layouts[i]}]`).join('; ')}`);
  let bytesIdentical = true;
  let requests = 0;
  let differing = 0;
  const iterators = names.map((n) => lines(dirs[n]));
  for (;;) {
    const next = iterators.map((it) => it.next());
    const done = next.filter((r) => r.done).length;
    if (done === names.length) break;
    if (done > 0) {
      mismatches.push(`line counts differ after ${requests} requests: ` +
        names.filter((_, i) => next[i].done).join(', ') + ' ended first');
      break;
    }
    requests++;
    const [first, ...others] = next.map((r) => r.value);
    const expected = JSON.parse(first.text);
    others.forEach((line, i) => {
      if (line.text === first.text) return;
      bytesIdentical = false;
      if (isDeepStrictEqual(JSON.parse(line.text), expected)) return;
      differing++;
      if (differing <= 10) {
        const at = firstDifference(first.text, line.text);
        mismatches.push(`${names[i + 1]} ${line.where} differs from ${names[0]} ${first.where} at character ${at}:\n` +
          `  ${names[0]}: ${excerpt(first.text, at)}\n  ${names[i + 1]}: ${excerpt(line.text, at)}`);
      }
    });
  }
  if (differing > 10) mismatches.push(`… ${differing - 10} more differing requests`);
  return { requests, bytesIdentical, layoutIdentical, mismatches };
}
