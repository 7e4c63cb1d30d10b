/** Small fixture trees in a temp folder: `project({ 'batch.config.yaml': '…', 'data/a.csv': '…' })`. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batchforge-test-'));
  writeTree(dir, files);
  return dir;
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** Every file below dir (relative posix names) with its text, for whole-output comparisons. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const ent of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (ent.isDirectory()) walk(path.join(d, ent.name), `${prefix}${ent.name}/`);
      else out[prefix + ent.name] = readFileSync(path.join(d, ent.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** The lines of a JSONL text, parsed. */
export function jsonl(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}
