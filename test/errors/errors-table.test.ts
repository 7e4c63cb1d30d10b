import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { errorsTable, withErrorsTable } from '../../src/errors/errors-table.js';
import { E } from '../../src/errors/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README "Errors" table', () => {
  test('is the table the catalogue generates', () => {
    // if this fails: npm run build && node scripts/write-errors-table.mjs
    expect(readme).toBe(withErrorsTable(readme));
    expect(readme).toContain(errorsTable());
  });

  test('has one row per catalogue entry, with the exit code of its kind', () => {
    const rows = errorsTable().split('\n').slice(2, -1);
    expect(rows).toHaveLength(Object.keys(E).length);
    expect(rows.find((r) => r.startsWith('| `model-not-set` '))).toBe('| `model-not-set` | 2 | `` model is not set for batch <batch> `` |');
    expect(rows.find((r) => r.startsWith('| `custom-id-duplicate` '))).toBe('| `custom-id-duplicate` | 1 | `` custom_id <id> is already used by <first> `` |');
  });
});
