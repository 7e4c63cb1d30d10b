/**
 * One temp root per test run: every test (and every CLI it spawns) makes its temp folders under it
 * through os.tmpdir(), and the whole root is removed at the end, so no run leaves folders in /tmp
 * whatever a test forgets to clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'batchforge-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
