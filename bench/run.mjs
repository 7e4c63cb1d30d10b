#!/usr/bin/env node
// npm run bench [-- --workload a,b --rows 200000,1000000 --runs 5 --runs-large 1 --big-rows 10000000 --skip-big --batchforge-cmd "…"]
// Runs the workloads of bench/workloads.mjs at each size against the seeds' Python loop and a hand-written Node
// script, checks that every contender wrote the same requests line by line, and writes bench/RESULTS.md (only
// for a full run; a subset prints its table). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { measure, rssMethod, summarize } from './measure.mjs';
import { verify } from './verify.mjs';
import { MAX_BYTES, MAX_LINES, WORKLOADS, writeWorkload } from './workloads.mjs';

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
// the installed bin (package.json "bin"): the bundle, as users run it
const DEFAULT_BATCHFORGE = 'node dist/batchforge.js build --config {config}';
const { values: flags } = parseArgs({
  options: {
    workload: { type: 'string', default: Object.keys(WORKLOADS).join(',') },
    rows: { type: 'string', default: '200000,1000000' },
    // medians of 5 below 1M rows, where one run's noise (±10% on this kind of machine) is as big as the
    // differences judged; 1 at 1M and above
    runs: { type: 'string', default: '5' },
    'runs-large': { type: 'string', default: '1' },
    'big-rows': { type: 'string', default: '10000000' },
    'skip-big': { type: 'boolean', default: false },
    // kept from the one-workload harness: the same as --skip-big
    'skip-10x': { type: 'boolean', default: false },
    'batchforge-cmd': { type: 'string', default: DEFAULT_BATCHFORGE },
    out: { type: 'string' },
  },
});
const workloads = flags.workload.split(',').map((w) => w.trim()).filter(Boolean);
for (const w of workloads) if (!WORKLOADS[w]) fail(`unknown workload ${w}: one of ${Object.keys(WORKLOADS).join(', ')}`);
const sizes = flags.rows.split(',').map(Number);
const runs = Number(flags.runs);
const runsLarge = Number(flags['runs-large']);
const runsAt = (rows) => (rows >= 1_000_000 ? runsLarge : runs);
const bigRows = flags['skip-big'] || flags['skip-10x'] || !workloads.includes('a') ? 0 : Number(flags['big-rows']);
const full = flags.workload === Object.keys(WORKLOADS).join(',') && flags.rows === '200000,1000000' && bigRows > 0;
const report = flags.out ?? (full ? 'bench/RESULTS.md' : undefined);
const loadAtStart = loadavg();

function log(line) {
  process.stderr.write(`${line}\n`);
}
function fail(message) {
  log(message);
  process.exit(1);
}

/** bench/data/<rows>/ with the sources every workload reads. */
async function dataset(rows, formats) {
  const dir = join('bench', 'data', String(rows));
  const files = { csv: 'questions.csv', records: 'records.jsonl' };
  if (!formats.every((f) => existsSync(join(dir, files[f])))) {
    log(`generating ${rows.toLocaleString('en')} rows in ${dir}`);
    await generate({ rows, out: dir, formats });
  }
  return dir;
}

/** The contenders' commands for workload `id` on the data in `dataDir`: { name: { label, out, argv } }. */
function contenders(id, dataDir, only) {
  const { dir, configs } = writeWorkload(id, dataDir, ['out-batchforge', 'out-single']);
  const src = join(dataDir, WORKLOADS[id].source);
  const limits = ['--max-bytes', String(MAX_BYTES), '--max-lines', String(WORKLOADS[id].maxLines ?? MAX_LINES)];
  const out = (name) => join(dir, `out-${name}`);
  const all = {
    python: {
      label: id === 'a' ? 'Python loop (`bench/seed.py`)' : 'Python loop (`bench/jobs/seed_jobs.py`)',
      out: out('python'),
      argv: id === 'a'
        ? ['python3', 'bench/seed.py', '--csv', src, '--out', out('python'), ...limits]
        : ['python3', 'bench/jobs/seed_jobs.py', '--job', id, '--src', src, '--out', out('python'), ...limits],
    },
    node: {
      label: id === 'a' ? 'hand-written Node (`bench/baseline.mjs`)' : 'hand-written Node (`bench/jobs/node-jobs.mjs`)',
      out: out('node'),
      argv: id === 'a'
        ? ['node', 'bench/baseline.mjs', '--csv', src, '--out', out('node'), ...limits]
        : ['node', 'bench/jobs/node-jobs.mjs', '--job', id, '--src', src, '--out', out('node'), ...limits],
    },
    batchforge: {
      label: `batchforge build${flags['batchforge-cmd'] === DEFAULT_BATCHFORGE ? '' : ` (\`${flags['batchforge-cmd']}\`)`}`,
      out: out('batchforge'),
      argv: flags['batchforge-cmd'].replaceAll('{config}', configs['out-batchforge']).replaceAll('{out}', out('batchforge')).split(' ').filter(Boolean),
    },
    // the default must never be slower than one thread: the same build with --single-thread
    ...(flags['batchforge-cmd'] === DEFAULT_BATCHFORGE && {
      single: {
        label: 'batchforge build --single-thread',
        out: out('single'),
        argv: [...DEFAULT_BATCHFORGE.replaceAll('{config}', configs['out-single']).split(' '), '--single-thread'],
      },
    }),
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => !only || only.includes(name)));
}

/** Times each contender `count` times, round-robin, so a change in machine load is shared between them. */
async function timeAll(cmds, count) {
  const results = Object.fromEntries(Object.keys(cmds).map((name) => [name, []]));
  for (let i = 1; i <= count; i++) {
    for (const [name, c] of Object.entries(cmds)) {
      rmSync(c.out, { recursive: true, force: true });
      // flush the previous run's dirty pages so that their writeback is not charged to this run
      spawnSync('sync');
      const r = await measure(c.argv).catch((error) => fail(`${name} failed: ${error.message}`));
      log(`  ${name} run ${i}/${count}: ${r.seconds.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMB.toFixed(0)} MB peak RSS`);
      results[name].push(r);
    }
  }
  return Object.fromEntries(Object.entries(results).map(([name, rs]) => [name, summarize(rs)]));
}

if (!existsSync('dist/batchforge.js')) {
  log('dist/batchforge.js is missing: running npm run build');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) fail('npm run build failed');
}

const formats = [...new Set(workloads.map((w) => (WORKLOADS[w].source.endsWith('.csv') ? 'csv' : 'records')))];
/** { workload, rows, requests, timed: { contender: summary }, labels, identical } */
const results = [];
for (const rows of sizes) {
  const dataDir = await dataset(rows, formats);
  for (const id of workloads) {
    const cmds = contenders(id, dataDir);
    log(`workload ${id} (${WORKLOADS[id].title}), ${rows.toLocaleString('en')} rows: ${runsAt(rows)} run(s) each`);
    const timed = await timeAll(cmds, runsAt(rows));
    const check = verify(Object.fromEntries(Object.entries(cmds).map(([name, c]) => [name, c.out])));
    const expected = rows * (WORKLOADS[id].fanOut ?? 1);
    if (check.requests !== expected) check.mismatches.unshift(`expected ${expected} requests, found ${check.requests}`);
    if (check.mismatches.length) fail(`workload ${id}: outputs differ:\n${check.mismatches.join('\n')}`);
    for (const c of Object.values(cmds)) rmSync(c.out, { recursive: true, force: true });
    results.push({ workload: id, rows, requests: check.requests, timed, labels: mapValues(cmds, (c) => c.label), identical: check.bytesIdentical });
  }
}
let big = null;
if (bigRows > 0) {
  const dataDir = await dataset(bigRows, ['csv']);
  const cmds = contenders('a', dataDir, ['batchforge']);
  log(`workload a, batchforge only, ${bigRows.toLocaleString('en')} rows (${(statSync(join(dataDir, 'questions.csv')).size / 1e6).toFixed(0)} MB of CSV)`);
  big = { rows: bigRows, timed: (await timeAll(cmds, 1)).batchforge };
  rmSync(cmds.batchforge.out, { recursive: true, force: true });
}

const text = render();
if (report) writeFileSync(report, text);
process.stdout.write(text);

function mapValues(o, f) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function render() {
  const s = (x) => x.toFixed(2);
  const n = (x) => Math.round(x).toLocaleString('en');
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const lines = [
    '# batchforge benchmark suite',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} cores (${cpus()[0]?.model.trim()}) · ` +
      `load average ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at start, ` +
      `${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end · Node ${process.version} · ${python} · peak RSS and CPU via ${rssMethod}`,
    '',
    `Each contender wrote shards of at most ${MAX_LINES.toLocaleString('en')} lines (${(WORKLOADS.f.maxLines).toLocaleString('en')} for (f): OpenAI counts ` +
      `50,000 embedding inputs a file) / ${MAX_BYTES / 1e6} MB; every output was checked ` +
      `equal line by line. ${sizes.map((r) => `${r.toLocaleString('en')} rows: ${runsAt(r) > 1 ? `median of ${runsAt(r)} runs, taken round-robin` : 'one run each'}`).join('; ')}. ` +
      'Wall and CPU (user + system) in seconds; × columns are batchforge\'s wall time over the contender\'s.',
    '',
    '| workload | rows | contender | wall s | CPU s | peak RSS MB | rows/s |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    for (const [name, t] of Object.entries(r.timed)) {
      lines.push(`| (${r.workload}) ${WORKLOADS[r.workload].title} | ${n(r.rows)} | ${r.labels[name]} | ${s(t.median)} | ${s(t.cpu)} | ${t.rssMB.toFixed(0)} | ${n(r.rows / t.median)} |`);
    }
  }
  if (big) lines.push(`| (a) ${WORKLOADS.a.title} | ${n(big.rows)} | batchforge build | ${s(big.timed.median)} | ${s(big.timed.cpu)} | ${big.timed.rssMB.toFixed(0)} | ${n(big.rows / big.timed.median)} |`);
  lines.push('', '| workload | rows | batchforge ÷ Python (goal ≤ 0.5) | batchforge ÷ Node (goal ≤ 1.1) | default ÷ --single-thread (goal ≤ 1.0) | peak RSS (goal ≤ 200 MB) | result |', '| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  for (const r of results) {
    const bf = r.timed.batchforge;
    if (!bf) continue;
    const py = r.timed.python && bf.median / r.timed.python.median;
    const nd = r.timed.node && bf.median / r.timed.node.median;
    const st = r.timed.single && bf.median / r.timed.single.median;
    const rssGoal = r.rows < 1_000_000 || bf.rssMB <= 200;
    const ok = (py === undefined || py <= 0.5) && (nd === undefined || nd <= 1.1) && (st === undefined || st <= 1.0) && rssGoal;
    const x = (v) => (v === undefined ? '—' : `${s(v)}×`);
    lines.push(`| (${r.workload}) | ${n(r.rows)} | ${x(py)} | ${x(nd)} | ${x(st)} | ${bf.rssMB.toFixed(0)} MB | ${verdict(ok)} |`);
  }
  if (big) lines.push(`| (a) | ${n(big.rows)} | — | — | — | ${big.timed.rssMB.toFixed(0)} MB | ${verdict(big.timed.rssMB <= 200)} |`);
  lines.push('');
  return lines.join('\n');
}
