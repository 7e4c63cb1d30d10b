/**
 * OpenAI's published request-body schemas (test/fixtures/openai/request-schemas.json, extracted
 * by scripts/extract-openai-schemas.mjs) compiled with Ajv's 2020 draft, one validator per batch
 * endpoint. The spec is OpenAPI 3.1 with some 3.0 habits, adapted as the spec's README says:
 * `nullable: true` beside a `type` becomes a type list, a `nullable` without a type is dropped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { REPO } from '../support/tree.js';

export const FIXTURE = path.join(REPO, 'test', 'fixtures', 'openai', 'request-schemas.json');
const ID = 'https://batchforge.test/openai-openapi.json';

/** the request body schema for each batch endpoint */
export const SCHEMA_FOR_URL: Readonly<Record<string, string>> = {
  '/v1/chat/completions': 'CreateChatCompletionRequest',
  '/v1/embeddings': 'CreateEmbeddingRequest',
  '/v1/responses': 'CreateResponse',
  '/v1/completions': 'CreateCompletionRequest',
};

/**
 * OpenAPI → JSON Schema: `nullable: true` beside a type becomes a type list; and a oneOf with an
 * OpenAPI `discriminator` becomes anyOf, because the discriminator (which JSON Schema validators
 * do not read) is what picks one branch where several overlap (a Responses input message with
 * content parts fits both EasyInputMessage and InputMessage).
 */
function adaptNullable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(adaptNullable);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'nullable') out[k] = adaptNullable(x);
  const o = v as Record<string, unknown>;
  if (o.nullable === true && typeof o.type === 'string') out.type = [o.type, 'null'];
  if (o.discriminator && Array.isArray(o.oneOf)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  return out;
}

export interface BodyValidators {
  /** Ajv's errors for `body` sent to `url`, or [] when it is valid */
  errors(url: string, body: unknown): ErrorObject[];
}

export function loadValidators(): BodyValidators {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { components: unknown };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
  ajv.addSchema({ $id: ID, components: adaptNullable(fixture.components) });
  const compiled = new Map<string, ValidateFunction>();
  for (const [url, name] of Object.entries(SCHEMA_FOR_URL)) {
    // The published bodies are allOf compositions that allow any extra key, but the API answers an
    // unknown parameter with 400 "Unrecognized request argument": unevaluatedProperties makes the
    // top level as strict as the API (keys from every allOf part still count as known).
    compiled.set(url, ajv.compile({ $ref: `${ID}#/components/schemas/${name}`, unevaluatedProperties: false }));
  }
  return {
    errors(url, body) {
      const validate = compiled.get(url);
      if (!validate) throw new Error(`no request schema for ${url}`);
      return validate(body) ? [] : [...(validate.errors ?? [])];
    },
  };
}
