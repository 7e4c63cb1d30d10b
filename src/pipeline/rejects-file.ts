/**
 * One group run's rejected requests (on_error: skip), one JSON line each with its origin, reason
 * and row, in a file of the run's own: a run that is thrown away takes its file with it, and the
 * build joins the kept runs' files into rejects.jsonl. Paths are relative to the config's folder,
 * like the manifest's, so the file is the same whatever folder the build runs from.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { ResolvedBatch } from '../config/resolved.js';
import type { Problem } from '../errors/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';

export class RejectsFile {
  lines = 0;
  private fd: number | undefined;

  constructor(
    readonly file: string,
    /** [shown path, path relative to the config folder] of each source file that differ */
    private readonly rename: ReadonlyArray<readonly [string, string]>,
  ) {}

  write(row: Row, p: Problem, batch: ResolvedBatch): void {
    this.fd ??= openSync(this.file, 'w');
    const rec = {
      origin: this.local(formatOrigin(row.origin)),
      batch: batch.name,
      ...(Object.keys(batch.variant).length > 0 && { variant: batch.variant }),
      code: p.code,
      message: this.local(p.message),
      ...(row.fault ? { raw: row.raw ?? '' } : { row: row.data }),
    };
    writeSync(this.fd, JSON.stringify(rec) + '\n');
    this.lines++;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  remove(): void {
    this.close();
    rmSync(this.file, { force: true });
  }

  private local(text: string): string {
    for (const [from, to] of this.rename) text = text.split(`${from}:`).join(`${to}:`);
    return text;
  }
}
