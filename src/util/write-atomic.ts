/**
 * Durable small writes: a file's bytes reach the disk (fsync) before a rename makes them visible,
 * and the folder is synced after, so a crash or power cut leaves either the old file or the new
 * one, never a half-written one. Used for manifest.json and the lifecycle's state files.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Flushes a file's bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (renames, new files); some systems (Windows) cannot, which is harmless there. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM/EINVAL on systems that do not sync folders
  } finally {
    closeSync(fd);
  }
}

/** Writes `text` to `file` through `<dir>/.batchforge-tmp-<pid>-<name>`: temp, fsync, rename, folder fsync. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.batchforge-tmp-${process.pid}-${path.basename(file)}`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  fsyncDir(dir);
}
