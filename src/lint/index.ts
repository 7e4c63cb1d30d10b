/** Public API of the batch file linter behind `batchforge validate`. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { FileSummary, LintOptions, LintResult } from './finding.js';
import { lintFile, type FileLint } from './lint-file.js';
import { lintHelper } from './lint-helper.js';
import { resolveTarget } from './target.js';
import { ANTHROPIC_API_VERSIONS } from '../providers/anthropic.js';

export type { FileSummary, LintOptions, LintResult } from './finding.js';

/**
 * Lints each file in the order given; findings come sorted by file (that order) then line.
 * Throws BatchforgeError (usage) for an unknown --provider or a file that does not exist,
 * before reading any file.
 */
export async function lintFiles(files: string[], opts: LintOptions, cwd: string): Promise<LintResult> {
  if (files.length === 0) throw new BatchforgeError(problem(E.LintNoFiles, {}));
  const target = opts.provider !== undefined ? resolveTarget(opts.provider) : undefined;
  if (opts.apiVersion !== undefined && !ANTHROPIC_API_VERSIONS.includes(opts.apiVersion as (typeof ANTHROPIC_API_VERSIONS)[number])) {
    throw new BatchforgeError(problem(E.ApiVersionUnknown, { provider: 'anthropic', version: opts.apiVersion, known: [...ANTHROPIC_API_VERSIONS] }));
  }
  const paths = await Promise.all(files.map((f) => checkReadable(f, resolve(cwd, f))));

  // Files are independent (ids and models are checked per file), so with several big files a
  // second thread lints some while this one lints the others; results keep the files' order.
  const results: FileLint[] = new Array(files.length);
  let next = 0;
  const lane = async (lint: (i: number) => Promise<FileLint>) => {
    for (let i = next++; i < files.length; i = next++) results[i] = await lint(i);
  };
  const helper = await lintHelper(paths, opts.threads);
  try {
    await Promise.all([
      lane((i) => lintFile(files[i]!, paths[i]!, target, opts.apiVersion)),
      ...(helper
        ? [lane((i) => helper.lint({ id: i, file: files[i]!, path: paths[i]!, ...(opts.provider !== undefined && { provider: opts.provider }), ...(opts.apiVersion !== undefined && { apiVersion: opts.apiVersion }) }))]
        : []),
    ]);
  } finally {
    await helper?.close();
  }
  return { findings: results.flatMap((r) => r.findings), files: results.map((r) => r.summary) };
}

async function checkReadable(file: string, path: string): Promise<string> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new BatchforgeError(problem(E.LintFileUnreadable, { file, detail: 'not a regular file' }));
    return path;
  } catch (e) {
    if (e instanceof BatchforgeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BatchforgeError(problem(E.LintFileMissing, { file }));
    throw new BatchforgeError(problem(E.LintFileUnreadable, { file, detail: (e as Error).message }));
  }
}
