#!/usr/bin/env node
// npm run bench [-- --rows N --runs K --scale S --skip-10x --batchforge-cmd "…" --validate-cmd "…"]
// Times batchforge against the Python seed script and a hand-written Node baseline on the same generated CSV,
// checks the three outputs hold the same requests, and writes bench/RESULTS.md. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { measure, rssMethod, summarize } from './measure.mjs';
import { MAX_BYTES, MAX_LINES, writeConfig } from './spec.mjs';
import { shardFiles, verify } from './verify.mjs';

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
const DEFAULT_BATCHFORGE = 'node dist/cli/main.js build --config {config}';
const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    scale: { type: 'string', default: '10' },
    'skip-10x': { type: 'boolean', default: false },
    'batchforge-cmd': { type: 'string', default: DEFAULT_BATCHFORGE },
    'validate-cmd': { type: 'string' },
  },
});
const loadAtStart = loadavg()[0];
const rows = Number(flags.rows);
const runs = Number(flags.runs);
const scale = Number(flags.scale);
const log = (line) => process.stderr.write(`${line}\n`);
const fail = (message) => {
  log(message);
  process.exit(1);
};

/** Prepares bench/data/<rows>/ (data, config, system.hbs) and returns its paths. */
async function dataset(count, formats) {
  const dir = join('bench', 'data', String(count));
  const csv = join(dir, 'questions.csv');
  if (!formats.every((f) => existsSync(join(dir, `questions.${f}`)))) {
    log(`generating ${count.toLocaleString('en')} rows in ${dir}`);
    await generate({ rows: count, out: dir, formats });
  }
  return { dir, csv, config: writeConfig(dir), inputMB: statSync(csv).size / 1e6 };
}

/** The command for one contender: placeholders filled, split on spaces (no shell, so nothing to quote). */
function contenders(data) {
  const fill = (cmd, out) => cmd.replaceAll('{config}', data.config).replaceAll('{csv}', data.csv)
    .replaceAll('{out}', out).replaceAll('{dir}', data.dir).split(' ').filter(Boolean);
  const limits = `--max-bytes ${MAX_BYTES} --max-lines ${MAX_LINES}`;
  const out = (name) => join(data.dir, `out-${name}`);
  return {
    python: { out: out('python'), argv: fill(`python3 bench/seed.py --csv {csv} --out {out} ${limits}`, out('python')) },
    baseline: { out: out('baseline'), argv: fill(`node bench/baseline.mjs --csv {csv} --out {out} ${limits}`, out('baseline')) },
    // The config names out-batchforge; a stand-in command is pointed at the same directory through {out}.
    batchforge: { out: out('batchforge'), argv: fill(flags['batchforge-cmd'], out('batchforge')) },
    // the low-memory profile: rendering on the main thread only
    ...(flags['batchforge-cmd'] === DEFAULT_BATCHFORGE && {
      single: {
        out: out('batchforge-single'),
        argv: fill(`${DEFAULT_BATCHFORGE.replace('{config}', join(data.dir, 'single.config.yaml'))} --single-thread`, out('batchforge-single')),
      },
    }),
  };
}

/** Times each contender count times, round-robin, so a change in machine load is shared between them. */
async function timeAll(contenders, count) {
  const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let i = 1; i <= count; i++) {
    for (const [name, contender] of Object.entries(contenders)) {
      if (contender.out) rmSync(contender.out, { recursive: true, force: true });
      // Flush the previous run's dirty pages so its writeback is not charged to this run.
      spawnSync('sync');
      const result = await measure(contender.argv).catch((error) => fail(`${name} failed: ${error.message}`));
      log(`  ${name} run ${i}/${count}: ${result.seconds.toFixed(2)} s, ${result.rssMB.toFixed(0)} MB peak RSS`);
      results[name].push(result);
    }
  }
  return Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, summarize(runs)]));
}

function ensureBuilt() {
  if (existsSync('dist/cli/main.js')) return;
  log('dist/cli/main.js is missing: running npm run build');
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) fail('npm run build failed');
  if (!existsSync('dist/cli/main.js') && flags['batchforge-cmd'] === DEFAULT_BATCHFORGE) {
    fail('npm run build did not produce dist/cli/main.js; pass --batchforge-cmd to time a stand-in');
  }
}

/** The validate command for these shards, or a note saying why there is none. */
function validateCommand(shards) {
  if (flags['validate-cmd']) return { argv: flags['validate-cmd'].split(' ').flatMap((a) => (a === '{shards}' ? shards : [a])) };
  if (!existsSync('dist/cli/main.js')) return { note: 'skipped: dist/cli/main.js does not exist' };
  const probe = spawnSync('node', ['dist/cli/main.js', 'validate', '--help'], { encoding: 'utf8' });
  if (probe.status !== 0) return { note: `skipped: \`batchforge validate --help\` exited ${probe.status}` };
  return { argv: ['node', 'dist/cli/main.js', 'validate', ...shards] };
}

ensureBuilt();
const small = await dataset(rows, ['csv', 'jsonl']);
const cmds = contenders(small);
log(`timing ${runs} run(s) each on ${rows.toLocaleString('en')} rows (${small.inputMB.toFixed(0)} MB of CSV)`);
const timed = await timeAll(cmds, runs);

log('verifying that all outputs hold the same requests');
const check = verify(Object.fromEntries(Object.entries(cmds).map(([name, c]) => [name, c.out])));
if (check.requests !== rows) check.mismatches.unshift(`expected ${rows} requests, found ${check.requests}`);
if (check.mismatches.length) fail(`outputs differ:\n${check.mismatches.join('\n')}`);

const shards = shardFiles(cmds.batchforge.out);
const shardMB = shards.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
const validate = validateCommand(shards);
if (validate.argv) {
  log(`timing validate on ${shards.length} shards (${shardMB.toFixed(0)} MB)`);
  ({ validate: validate.timed } = await timeAll({ validate: { argv: validate.argv } }, runs));
}

let big = null;
if (!flags['skip-10x']) {
  const data = await dataset(rows * scale, ['csv']);
  const bigCmd = contenders(data).batchforge;
  log(`timing batchforge once on ${(rows * scale).toLocaleString('en')} rows (${data.inputMB.toFixed(0)} MB of CSV)`);
  big = { data, timed: (await timeAll({ batchforge: bigCmd }, 1)).batchforge };
  rmSync(bigCmd.out, { recursive: true, force: true });
}

const report = render();
writeFileSync('bench/RESULTS.md', report);
process.stdout.write(report);

function render() {
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const s = (x) => x.toFixed(2);
  const perSec = (n, t) => Math.round(n / t).toLocaleString('en');
  const row = (label, t, count, mb) =>
    `| ${label} | ${s(t.median)} | ${s(t.min)} | ${s(t.max)} | ${perSec(count, t.median)} | ${(mb / t.median).toFixed(1)} | ${t.rssMB.toFixed(0)} |`;
  const goal = (text, ok, figure) => `| ${text} | ${figure} | ${ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL'} |`;
  const bf = timed.batchforge;
  const standIn = flags['batchforge-cmd'] === DEFAULT_BATCHFORGE ? '' : ` (stand-in: \`${flags['batchforge-cmd']}\`)`;
  const growth = big && big.timed.median / bf.median;
  const validateMBs = validate.timed && shardMB / validate.timed.median;
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const lines = [
    '# batchforge benchmark',
    '',
    `${new Date().toISOString().slice(0, 10)} · ${cpus().length} cores (${cpus()[0]?.model.trim()}) · ` +
      `load average ${loadAtStart.toFixed(1)} at start · Node ${process.version} · ${python} · peak RSS via ${rssMethod}`,
    '',
    `${rows.toLocaleString('en')} rows, ${small.inputMB.toFixed(0)} MB of CSV → ${plural(shards.length, 'shard')}, ` +
      `${shardMB.toFixed(0)} MB of JSONL (max ${MAX_LINES} lines / ${MAX_BYTES / 1e6} MB per shard). ` +
      `Median of ${runs} runs, taken round-robin; the ×${scale} row is one run.`,
    '',
    '| contender | median s | min s | max s | rows/s | input MB/s | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('Python seed script (`bench/seed.py`)', timed.python, rows, small.inputMB),
    row('hand-written Node (`bench/baseline.mjs`)', timed.baseline, rows, small.inputMB),
    row(`batchforge build${standIn}`, bf, rows, small.inputMB),
    ...(timed.single ? [row('batchforge build --single-thread', timed.single, rows, small.inputMB)] : []),
    ...(big ? [row(`batchforge build ×${scale} (${(rows * scale).toLocaleString('en')} rows)`, big.timed, rows * scale, big.data.inputMB)] : []),
    '',
    validate.timed
      ? `\`batchforge validate\` on the ${plural(shards.length, 'shard')}: median ${s(validate.timed.median)} s, ` +
        `${validateMBs.toFixed(1)} MB/s of JSONL, ${validate.timed.rssMB.toFixed(0)} MB peak RSS.`
      : `\`batchforge validate\`: ${validate.note}.`,
    '',
    `Outputs: ${check.requests.toLocaleString('en')} requests, identical across all ${Object.keys(cmds).length} ` +
      `(${check.bytesIdentical ? 'byte for byte' : 'as parsed JSON; the bytes differ'}, same shard layout).`,
    '',
    '| goal | figure | result |',
    '| --- | ---: | --- |',
    goal('batchforge ≤ 0.5× Python time', bf.median / timed.python.median <= 0.5, `${s(bf.median / timed.python.median)}×`),
    goal('batchforge ≤ 1.1× baseline time', bf.median / timed.baseline.median <= 1.1, `${s(bf.median / timed.baseline.median)}×`),
    goal(`peak RSS ≤ 200 MB at ${rows.toLocaleString('en')} rows`, bf.rssMB <= 200, `${bf.rssMB.toFixed(0)} MB`),
    ...(timed.single
      ? [goal(`peak RSS ≤ 200 MB at ${rows.toLocaleString('en')} rows, --single-thread`, timed.single.rssMB <= 200, `${timed.single.rssMB.toFixed(0)} MB`)]
      : []),
    goal(`peak RSS ≤ 200 MB at ${(rows * scale).toLocaleString('en')} rows`, big ? big.timed.rssMB <= 200 : null,
      big ? `${big.timed.rssMB.toFixed(0)} MB` : 'skipped'),
    goal(`${scale}× rows ≤ ${scale + 1}× time`, big ? growth <= scale + 1 : null, big ? `${s(growth)}×` : 'skipped'),
    goal('validate ≥ 150 MB/s', validate.timed ? validateMBs >= 150 : null,
      validate.timed ? `${validateMBs.toFixed(1)} MB/s` : 'skipped'),
    '',
  ];
  return lines.join('\n');
}
