/** A second thread for `validate`: lints the files it is sent and posts back what it found. */
import { parentPort } from 'node:worker_threads';
import { lintFile, type FileLint } from './lint-file.js';
import { resolveTarget } from './target.js';

export interface LintJob {
  id: number;
  file: string;
  path: string;
  provider?: string;
  apiVersion?: string;
}

export type LintReply = { id: number; result: FileLint } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: LintJob) => {
    const target = job.provider !== undefined ? resolveTarget(job.provider) : undefined;
    lintFile(job.file, job.path, target, job.apiVersion).then(
      (result) => port.postMessage({ id: job.id, result } satisfies LintReply),
      (e: unknown) => port.postMessage({ id: job.id, error: (e as Error)?.stack ?? String(e) } satisfies LintReply),
    );
  });
}
