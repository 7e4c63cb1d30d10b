import type { ConnectOptions } from './connections.js';

/** What every lifecycle step takes besides the output dir. */
export interface LifecycleOptions extends ConnectOptions {
  /** how the output dir is shown in messages (e.g. relative to the working directory); default: as given */
  shownDir?: string;
}

export function shownPath(outDir: string, opts: { shownDir?: string }, file: string): string {
  const dir = (opts.shownDir ?? outDir).replace(/\\/g, '/').replace(/\/+$/, '');
  return dir === '' || dir === '.' ? file : `${dir}/${file}`;
}
