#!/usr/bin/env node
/**
 * Extracts the OpenAI request-body schemas that batch lines must satisfy (and CreateBatchRequest, whose
 * endpoint enum lists the batch endpoints) from OpenAI's published
 * OpenAPI description (MIT) into test/fixtures/openai/request-schemas.json, with the licence
 * beside it. The full spec is 3.4 MB and not in this repository; the tests need only the four
 * request bodies and every schema they reach through $ref, copied verbatim.
 *
 *   node scripts/extract-openai-schemas.mjs [path/to/openai-openapi.json] [path/to/LICENSE]
 *
 * Defaults: /work/shared/specs/openai-openapi.json and its openai-openapi.LICENSE.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** request body schema for each batch endpoint */
export const ROOTS = [
  'CreateChatCompletionRequest',
  'CreateEmbeddingRequest',
  'CreateResponse',
  'CreateCompletionRequest',
  'CreateModerationRequest',
  'CreateImageRequest',
  'EditImageBodyJsonParam',
  'CreateVideoJsonBody',
  // its endpoint enum is the list of batch endpoints
  'CreateBatchRequest',
];
const PREFIX = '#/components/schemas/';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specFile = path.resolve(process.argv[2] ?? '/work/shared/specs/openai-openapi.json');
const licenceFile = path.resolve(process.argv[3] ?? specFile.replace(/\.json$/, '.LICENSE'));
const outDir = path.join(repo, 'test', 'fixtures', 'openai');

const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const all = spec.components.schemas;

/** the names reachable from the roots, in a stable (sorted) order */
const reached = new Set();
const queue = [...ROOTS];
const visit = (v) => {
  if (Array.isArray(v)) return v.forEach(visit);
  if (!v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if (k === '$ref' && typeof x === 'string') {
      if (!x.startsWith(PREFIX)) throw new Error(`unexpected $ref ${x}`);
      queue.push(decodeURIComponent(x.slice(PREFIX.length)));
    } else visit(x);
  }
};
while (queue.length) {
  const name = queue.shift();
  if (reached.has(name)) continue;
  if (!(name in all)) throw new Error(`schema ${name} is referenced but not defined`);
  reached.add(name);
  visit(all[name]);
}

const schemas = {};
for (const name of [...reached].sort()) schemas[name] = all[name];
const out = {
  $comment: `Extracted by scripts/extract-openai-schemas.mjs from OpenAI's OpenAPI description ${spec.info?.version ?? ''} (openapi ${spec.openapi}); MIT licence in LICENSE beside this file. Schemas are verbatim; roots: ${ROOTS.join(', ')}.`,
  roots: ROOTS,
  components: { schemas },
};
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'request-schemas.json'), JSON.stringify(out, null, 1) + '\n');
// read + write rather than copy: the source licence may be read-only, and reruns must overwrite
writeFileSync(path.join(outDir, 'LICENSE'), readFileSync(licenceFile));
console.log(`wrote ${reached.size} schemas to ${path.relative(repo, outDir)}/request-schemas.json`);
