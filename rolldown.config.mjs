/**
 * The CLI as one bundle: dist/batchforge.js (what `bin` runs) and its worker entries, written next
 * to tsc's output by `npm run build`. Loading ~170 of batchforge's own ES modules and ~130 of its
 * dependencies' costs every command about 130 ms of CPU before it starts (a 1-row build: ~320 ms
 * unbundled, ~190 ms bundled); one file per entry, with the rarely used commands in lazily
 * imported chunks, loads in a fraction of that. The library (dist/index.js) and dist/cli/main.js
 * stay as tsc wrote them.
 *
 * Entries and chunks sit directly in dist/, where tsc's dist/version.js sits, so the relative URLs
 * in the code still point where they did: `../package.json`, and the worker files
 * `./group-thread.js` and `./lint-thread.js` (entries here too). typescript stays outside:
 * cosmiconfig loads it only for a TypeScript config, and it is not installed with batchforge.
 */
import { chmodSync, readdirSync, rmSync } from 'node:fs';

const CHUNK = /^chunk-.*\.js$/;

export default {
  input: {
    batchforge: 'dist/cli/main.js',
    'group-thread': 'dist/threads/group-thread.js',
    'lint-thread': 'dist/lint/lint-thread.js',
  },
  platform: 'node',
  external: ['typescript'],
  output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js' },
  plugins: [
    {
      name: 'batchforge-bin',
      // chunk names carry a hash: drop the previous build's, which nothing imports any more
      buildStart() {
        for (const file of readdirSync('dist')) if (CHUNK.test(file)) rmSync(`dist/${file}`);
      },
      writeBundle() {
        chmodSync('dist/batchforge.js', 0o755);
      },
    },
  ],
};
