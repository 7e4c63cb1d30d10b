// Rewrites the README's per-provider parameter table from the body declarations (run `npm run build` first):
//   node scripts/write-params-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { withParamsTable } from '../dist/providers/params-table.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withParamsTable(readFileSync(file, 'utf8')));
