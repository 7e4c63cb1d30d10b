import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paramsTable, withParamsTable } from '../../src/providers/params-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README parameter table', () => {
  test('is the table the body declarations generate', () => {
    // if this fails: npm run build && node scripts/write-params-table.mjs
    expect(readme).toBe(withParamsTable(readme));
    expect(readme).toContain(paramsTable());
  });

  test('says what Mistral translates and refuses', () => {
    const row = paramsTable().split('\n').find((r) => r.startsWith('| `mistral` | `/v1/chat/completions`'))!;
    expect(row).toContain('`seed` → `random_seed`');
    expect(row.split(' | ')[5]).toContain('`user`');
  });
});
