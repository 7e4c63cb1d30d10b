// Issue 13's Parquet benchmark: the same rows as Parquet and as JSONL, built with workload (a)'s config.
// bench/data/<rows>/questions.csv (generated if missing) is written as questions.parquet (hyparquet-writer's
// defaults: snappy, row groups of 1,000 then 100,000 rows) and questions.jsonl, with a config for each in
// parquet/ and jsonl/; then each is built `--runs` times, round-robin, with `node dist/batchforge.js build`
// (the installed bin, the bundle; run `npm run build` first), the outputs are checked to be the same requests, and wall, CPU and peak RSS
// are printed with the load average at the start and the end.
// node bench/parquet-vs-jsonl.mjs [rows] [--runs K]
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { parquetWriteFile } from 'hyparquet-writer';
import { generate } from './generate.mjs';
import { measure } from './measure.mjs';
import { verify } from './verify.mjs';
import { writeWorkload } from './workloads.mjs';

const { values: flags, positionals } = parseArgs({ options: { runs: { type: 'string', default: '1' } }, allowPositionals: true });
const rows = positionals[0] ?? '1000000';
const runs = Number(flags.runs);
const dir = path.join('bench/data', rows);
const log = (m) => process.stderr.write(`${m}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

if (!existsSync('dist/batchforge.js')) throw new Error('dist/ is missing: run `npm run build` first');
if (!existsSync(path.join(dir, 'questions.csv'))) {
  log(`generating ${rows} rows in ${dir}`);
  await generate({ rows: Number(rows), out: dir, formats: ['csv'] });
}
const { configs } = writeWorkload('a', dir, ['out-batchforge']);
if (!existsSync(path.join(dir, 'questions.parquet')) || !existsSync(path.join(dir, 'questions.jsonl'))) {
  log('writing questions.parquet and questions.jsonl');
  const records = parse(readFileSync(path.join(dir, 'questions.csv')), { columns: true });
  const names = Object.keys(records[0]);
  parquetWriteFile({
    filename: path.join(dir, 'questions.parquet'),
    columnData: names.map((name) => ({ name, data: records.map((r) => r[name]), type: 'STRING' })),
  });
  writeFileSync(path.join(dir, 'questions.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
const config = readFileSync(configs['out-batchforge'], 'utf8');
const builds = {};
for (const format of ['jsonl', 'parquet']) {
  mkdirSync(path.join(dir, format), { recursive: true });
  copyFileSync(path.join(dir, 'a/system.hbs'), path.join(dir, format, 'system.hbs'));
  const file = path.join(dir, format, 'batch.config.yaml');
  writeFileSync(file, config.replace('../questions.csv', `../questions.${format}`).replace('dir: out-batchforge', 'dir: out'));
  builds[format] = { out: path.join(dir, format, 'out'), argv: ['node', 'dist/batchforge.js', 'build', '--config', file] };
}

const startLoad = load();
const results = { jsonl: [], parquet: [] };
for (let i = 1; i <= runs; i++) {
  for (const [format, b] of Object.entries(builds)) {
    rmSync(b.out, { recursive: true, force: true });
    spawnSync('sync');
    const r = await measure(b.argv);
    log(`  ${format} run ${i}/${runs}: ${r.seconds.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMB.toFixed(0)} MB peak RSS`);
    results[format].push(r);
  }
}
const same = verify({ jsonl: builds.jsonl.out, parquet: builds.parquet.out });
if (same.mismatches.length) {
  log(same.mismatches.join('\n'));
  process.exit(1);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (format) => {
  const rs = results[format];
  return { wall: median(rs.map((r) => r.seconds)), cpu: median(rs.map((r) => r.cpu)), rss: Math.max(...rs.map((r) => r.rssMB)) };
};
const j = row('jsonl');
const p = row('parquet');
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · load average ${startLoad} at the start, ${load()} at the end · ${rows} rows · ${runs} run(s) each, median wall and CPU, largest peak RSS · ${same.requests} requests, ${same.bytesIdentical ? 'identical bytes' : 'equal JSON'}\n`);
console.log('| source | wall s | CPU s | peak RSS MB |\n| --- | ---: | ---: | ---: |');
console.log(`| JSONL | ${j.wall.toFixed(2)} | ${j.cpu.toFixed(2)} | ${j.rss.toFixed(0)} |`);
console.log(`| Parquet | ${p.wall.toFixed(2)} | ${p.cpu.toFixed(2)} | ${p.rss.toFixed(0)} |`);
console.log(`\nParquet ÷ JSONL wall time: ${(p.wall / j.wall).toFixed(2)}×`);
