// Rewrites the README's "Errors" table from the catalogue (run `npm run build` first):
//   node scripts/write-errors-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { withErrorsTable } from '../dist/errors/errors-table.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withErrorsTable(readFileSync(file, 'utf8')));
