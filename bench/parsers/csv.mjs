// Compares batchforge's CSV reader with csv-parse (and the bare state machine, and JSONL) on a generated
// ~100 MB file of ~350-byte rows. Run: npx tsc -p tsconfig.build.json && node bench/parsers/csv.mjs [rows]
// The data goes to bench/data/ (gitignored) and is reused when it already has the right size.
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { readRows } from '../../dist/stages/load/index.js';
import { CsvParser } from '../../dist/stages/load/csv-parser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.argv[2] ?? 300_000);
const file = join(root, 'bench', 'data', `rows-${rows}.csv`);

function generate() {
  // a deterministic PRNG so every run measures the same bytes
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];
  const text = (n) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const parts = ['id,name,email,country,score,title,body\n'];
  for (let i = 0; i < rows; i++) {
    // one row in ten has a quoted field with a comma, a quote and a newline, as real exports do
    const body = i % 10 === 0 ? `"${text(20)}, said ""${text(2)}""\n${text(24)}"` : text(46);
    parts.push(`${i},${text(2)},user${i}@example.com,DE,${(rand() * 100).toFixed(2)},${text(5)},${body}\n`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, parts.join(''));
}

async function time(label, fn) {
  const t0 = performance.now();
  const n = await fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2)} s  ${n} rows`);
  return ms;
}

if (!existsSync(file)) generate();
// the same rows as JSONL, to compare the two formats through the same loader
const jsonl = file.replace(/\.csv$/, '.jsonl');
if (!existsSync(jsonl)) {
  const lines = [];
  for await (const chunk of readRows([{ path: file, display: 'rows.csv', format: 'csv' }])) for (const r of chunk) lines.push(JSON.stringify(r.data));
  writeFileSync(jsonl, lines.join('\n') + '\n');
}
const bytes = statSync(file).size;
console.log(`${file}: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / rows).toFixed(0)} bytes/row, node ${process.version}`);

const runs = {
  'batchforge readRows (objects)': async () => {
    let n = 0;
    for await (const chunk of readRows([{ path: file, display: 'rows.csv', format: 'csv' }])) n += chunk.length;
    return n;
  },
  'batchforge CsvParser (arrays)': async () => {
    let n = 0;
    const parser = new CsvParser(',', { record() { n++; }, fault() {} });
    const decoder = new StringDecoder('utf8');
    for await (const buf of createReadStream(file, { highWaterMark: 256 * 1024 })) parser.push(decoder.write(buf));
    parser.end();
    return n - 1;
  },
  'batchforge readRows (JSONL, same)': async () => {
    let n = 0;
    for await (const chunk of readRows([{ path: jsonl, display: 'rows.jsonl', format: 'jsonl' }])) n += chunk.length;
    return n;
  },
  'csv-parse (columns: true)': async () => {
    let n = 0;
    const stream = createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parse({ columns: true, relax_quotes: true, bom: true, skip_empty_lines: true }));
    for await (const _ of stream) n++;
    return n;
  },
};

const only = process.env.ONLY;
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}`);
  for (const [label, fn] of Object.entries(runs)) if (!only || label.includes(only)) await time(label, fn);
}
