// Times the default-dialect CSV state machine against the hand-written parser it replaced (commit e15e8f7's
// src/stages/load/csv-parser.ts, transpiled here from git), on the same text: bench/data/rows-<N>.csv (made by
// csv.mjs) decoded once into 64 KiB chunks as the loader reads them, then fed to each parser in turn, rounds
// alternating so that a change in machine load hits both. Records are counted, not kept. Each run is
// timed by its CPU time (process.cpuUsage: user + system), which another process on the machine changes
// less than the wall time.
// npx tsc -p tsconfig.build.json && node bench/parsers/csv.mjs 1000000 && node bench/parsers/fast-path.mjs 1000000 [rounds]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { CsvParser } from '../../dist/stages/load/csv-parser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.argv[2] ?? 300_000);
const rounds = Number(process.argv[3] ?? 7);
const file = join(root, 'bench', 'data', `rows-${rows}.csv`);

const source = execFileSync('git', ['show', 'e15e8f7:src/stages/load/csv-parser.ts'], { cwd: root, encoding: 'utf8' });
const scratch = mkdtempSync(join(tmpdir(), 'csv-e15e8f7-'));
writeFileSync(join(scratch, 'csv-parser.mjs'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
const { CsvParser: OldParser } = await import(pathToFileURL(join(scratch, 'csv-parser.mjs')).href);
rmSync(scratch, { recursive: true, force: true });

const bytes = readFileSync(file);
const decoder = new TextDecoder();
const chunks = [];
for (let at = 0; at < bytes.length; at += 65536) chunks.push(decoder.decode(bytes.subarray(at, at + 65536), { stream: true }));
chunks.push(decoder.decode());

/** the records a parser reads from the chunks (its sink counts them and throws on a fault) */
function countRecords(makeParser) {
  let n = 0;
  const fail = (what) => () => { throw new Error(what); };
  const p = makeParser({ record() { n++; }, unclosed: fail('unclosed'), fault: fail('fault') });
  for (const c of chunks) p.push(c);
  p.end();
  return n;
}

const contenders = {
  'e15e8f7 CsvParser': () => countRecords((sink) => new OldParser(',', sink)),
  'today CsvParser': () => countRecords((sink) => new CsvParser(',', sink)),
};

const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
console.log(`${file}: ${(bytes.length / 1e6).toFixed(1)} MB, node ${process.version}, load average ${load()} at the start`);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? Object.keys(contenders).reverse() : Object.keys(contenders);
  for (const name of order) {
    const t0 = process.cpuUsage();
    const n = contenders[name]();
    const t = process.cpuUsage(t0);
    times[name].push((t.user + t.system) / 1000);
    if (n !== rows + 1) throw new Error(`${name} read ${n} records, expected ${rows + 1}`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, ts_] of Object.entries(times)) {
  console.log(`${name.padEnd(20)} CPU min ${(Math.min(...ts_) / 1000).toFixed(3)} s  median ${(median(ts_) / 1000).toFixed(3)} s  (${ts_.map((t) => (t / 1000).toFixed(3)).join(' ')})`);
}
const [a, b] = Object.values(times);
console.log(`today ÷ e15e8f7: min ${(Math.min(...b) / Math.min(...a)).toFixed(3)}×, median ${(median(b) / median(a)).toFixed(3)}× · load average ${load()} at the end`);
