/** Small fixture trees as plain objects: `project({ 'batch.config.yaml': '…', 'data/a.csv': '…' })`. */
import { readTree, writeTree } from './tree.js';

/** A temp folder holding `files` (removed after the test). */
export function project(files: Record<string, string>): string {
  return writeTree(files);
}

/** Every file below dir (relative posix names) with its text, for whole-output comparisons. */
export function readTexts(dir: string): Record<string, string> {
  return Object.fromEntries([...readTree(dir)].map(([name, buf]) => [name, buf.toString('utf8')]));
}

/** The lines of a JSONL text, parsed. */
export function jsonl(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}
