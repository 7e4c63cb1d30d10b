// The same rows as Parquet and as JSONL (issue 13's benchmark): bench/data/<rows>/questions.csv is
// written as questions.parquet (hyparquet-writer's defaults: snappy, row groups of 1,000 then
// 100,000 rows) and questions.jsonl, with workload (a)'s config for each in parquet/ and jsonl/.
// node bench/parquet-vs-jsonl.mjs [rows]   then time `node dist/cli/main.js build --config …` on both
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetWriteFile } from 'hyparquet-writer';

const rows = process.argv[2] ?? '1000000';
const dir = path.join('bench/data', rows);
const records = parse(readFileSync(path.join(dir, 'questions.csv')), { columns: true });
const names = Object.keys(records[0]);
parquetWriteFile({
  filename: path.join(dir, 'questions.parquet'),
  columnData: names.map((name) => ({ name, data: records.map((r) => r[name]), type: 'STRING' })),
});
writeFileSync(path.join(dir, 'questions.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const config = readFileSync(path.join(dir, 'a/out-batchforge.config.yaml'), 'utf8');
for (const format of ['parquet', 'jsonl']) {
  mkdirSync(path.join(dir, format), { recursive: true });
  copyFileSync(path.join(dir, 'a/system.hbs'), path.join(dir, format, 'system.hbs'));
  writeFileSync(path.join(dir, format, 'batch.config.yaml'), config.replace('../questions.csv', `../questions.${format}`).replace('dir: out-batchforge', 'dir: out'));
}
