/**
 * Ctrl-C and SIGTERM: work that holds temporary files or a lock registers how to undo them; the
 * CLI's bin installs the handlers (nothing below the CLI exits the process). Cleanups are
 * synchronous so they finish before the process exits, whatever the event loop was doing.
 */
const cleanups = new Set<() => void>();

/** Runs `fn` if the process is interrupted before the returned function is called. */
export function onInterrupt(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs every registered cleanup once; one failing does not stop the others. */
export function runCleanups(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // the process is exiting: what could not be removed is removed by the next command
    }
  }
}

/** exit codes by the shell's convention: 128 + the signal's number */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
