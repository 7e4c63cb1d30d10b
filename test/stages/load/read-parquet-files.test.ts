/**
 * Parquet files written by other tools (parquet-files/README.md), read page by page as batchforge
 * reads them, against hyparquet reading each file whole (parquetReadObjects) with the same value
 * parsers and the same exact-number conversion: the same rows, in order, each with its row number.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { formatOrigin } from '../../../src/stages/load/index.js';
import { exact, parsers } from '../../../src/stages/load/read-parquet.js';
import { collect } from './helpers.js';

const dir = fileURLToPath(new URL('./parquet-files/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort();

describe('Parquet files from other writers read as hyparquet reads them whole', () => {
  it('has the ten files', () => {
    expect(files).toHaveLength(10);
  });

  for (const name of files) {
    it(name, async () => {
      const path = join(dir, name);
      const whole = await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors, parsers, utf8: true });
      expect(whole.length).toBeGreaterThan(0);
      const rows = await collect([{ path, display: `data/${name}`, format: 'parquet' }]);
      expect(rows.map((r) => [formatOrigin(r.origin), r.data])).toEqual(whole.map((r, i) => [`data/${name}:row ${i + 1}`, exact(r)]));
    });
  }
});
