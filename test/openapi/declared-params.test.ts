/**
 * The OpenAI body declarations (src/providers/openai-params.ts) are the OpenAPI description's:
 * each endpoint's params are exactly its request schema's properties, less the keys batchforge
 * writes itself; the endpoints are exactly CreateBatchRequest.endpoint's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAI_BODIES } from '../../src/providers/openai-params.js';
import { openai } from '../../src/providers/openai.js';
import { FIXTURE } from './openai-schemas.js';

interface Schema {
  properties?: Record<string, unknown>;
  allOf?: Schema[];
  $ref?: string;
  enum?: string[];
}
const schemas = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** property names of a schema, through $ref and allOf */
function properties(s: Schema | undefined): string[] {
  if (!s) return [];
  if (s.$ref) return properties(schemas[s.$ref.split('/').pop()!]);
  return [...Object.keys(s.properties ?? {}), ...(s.allOf ?? []).flatMap(properties)];
}

const SCHEMA_FOR: Record<string, string> = {
  '/v1/chat/completions': 'CreateChatCompletionRequest',
  '/v1/responses': 'CreateResponse',
  '/v1/embeddings': 'CreateEmbeddingRequest',
  '/v1/completions': 'CreateCompletionRequest',
  '/v1/moderations': 'CreateModerationRequest',
  '/v1/images/generations': 'CreateImageRequest',
  '/v1/images/edits': 'EditImageBodyJsonParam',
  '/v1/videos': 'CreateVideoJsonBody',
};

describe('OpenAI declarations follow the OpenAPI description', () => {
  it('offers exactly the batch endpoints of CreateBatchRequest.endpoint', () => {
    const endpoint = schemas.CreateBatchRequest!.properties!.endpoint as Schema;
    expect([...openai.endpoints].sort()).toEqual([...endpoint.enum!].sort());
    expect(Object.keys(SCHEMA_FOR).sort()).toEqual([...openai.endpoints].sort());
  });

  it.each(Object.entries(SCHEMA_FOR))('%s accepts exactly the properties of %s, less model, stream and the text field', (url, name) => {
    const decl = OPENAI_BODIES[url]!;
    const accepted = Object.entries(decl.params).filter(([k, r]) => r.to === k).map(([k]) => k);
    const structural = new Set([...decl.structural, 'stream']);
    expect(accepted.sort()).toEqual([...new Set(properties(schemas[name]))].filter((k) => !structural.has(k)).sort());
  });

  it('translates only to names the endpoint has', () => {
    for (const [url, decl] of Object.entries(OPENAI_BODIES)) {
      const own = new Set(properties(schemas[SCHEMA_FOR[url]!]));
      for (const r of Object.values(decl.params)) if (r.to !== undefined) expect(own.has(r.to), `${url} ${r.to}`).toBe(true);
    }
  });
});
