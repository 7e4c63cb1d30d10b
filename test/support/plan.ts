/** Render plans from in-test configs: `await plans({ 'batch.config.yaml': …, 'data/x.csv': … })`. */
import { loadConfig } from '../../src/config/load.js';
import { formatProblem } from '../../src/errors/index.js';
import { prepare, type PreparedBatch } from '../../src/pipeline/build.js';
import type { Row } from '../../src/stages/load/row.js';
import { project } from './project.js';

export async function plans(files: Record<string, string>): Promise<PreparedBatch[]> {
  const cwd = project(files);
  const res = await loadConfig({ cwd });
  if (!res.config) throw new Error(res.problems.map((p) => formatProblem(p)).join('\n'));
  return (await prepare(res.config)).batches;
}

export function row(data: Record<string, unknown>, index = 0, line = index + 2): Row {
  return { data, index, origin: { file: 'data/rows.csv', line } };
}
