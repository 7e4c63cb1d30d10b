import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/lint/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/lint/', import.meta.url));

/** `LINE severity code: message`, the findings of one fixture in order */
async function lint(file: string, provider?: string): Promise<string[]> {
  const { findings } = await lintFiles([file], provider ? { provider } : {}, fixtures);
  return findings.map((f) => `${f.location!.line ?? 0} ${f.severity} ${f.code}: ${f.message}`);
}

describe('lintFiles on good files', () => {
  it.each([
    ['good-openai.jsonl', 'openai'],
    ['good-embeddings.jsonl', 'openai'],
    ['good-reasoning.jsonl', 'openai'],
    ['good-custom-id-body.jsonl', 'together'],
    ['good-anthropic.jsonl', 'anthropic'],
    ['good-gemini.jsonl', 'gemini'],
    ['good-vertex.jsonl', 'vertex'],
  ])('finds nothing in %s and checks it as %s', async (file, provider) => {
    const result = await lintFiles([file], {}, fixtures);
    expect(result.findings).toEqual([]);
    expect(result.files[0]?.provider).toBe(provider);
  });

  it('finds nothing in good-bedrock.jsonl but that one record is below the default job minimum', async () => {
    expect(await lint('good-bedrock.jsonl')).toEqual(['0 warning few-records: file has 1 record(s); a bedrock batch job needs at least 100 by default']);
  });

  it('summarises lines and bytes, counting a last line without newline', async () => {
    const result = await lintFiles(['good-openai.jsonl', 'good-embeddings.jsonl'], {}, fixtures);
    expect(result.files.map((f) => [f.file, f.lines])).toEqual([
      ['good-openai.jsonl', 3],
      ['good-embeddings.jsonl', 2],
    ]);
    expect(result.files[1]?.bytes).toBe(236);
  });
});

describe('bytes and lines', () => {
  it('reports BOM, CRLF, blank lines, invalid UTF-8 and JSON.parse reasons', async () => {
    expect(await lint('bad-bytes.jsonl')).toEqual([
      '1 error bom: file starts with a UTF-8 byte order mark (Azure rejects it); save as UTF-8 without BOM',
      '1 warning crlf: CRLF line endings (2 lines from here on); providers expect \\n',
      '3 error blank-line: blank line (providers read every line as a request)',
      '4 error blank-line: blank line (providers read every line as a request)',
      '5 error invalid-utf8: line is not valid UTF-8',
      '6 error not-json: not JSON: Expected double-quoted property name at column 36',
      "7 error not-json: not JSON: Unexpected token '}'",
      '8 error not-json: not JSON: Unexpected non-whitespace character after the JSON value at column 21',
    ]);
  });

  it('reports an empty file on line 0', async () => {
    expect(await lint('empty.jsonl')).toEqual([
      '0 error empty-file: file is empty (providers reject a batch with no requests)',
    ]);
  });
});

describe('line shape', () => {
  it('checks the OpenAI family keys, method, endpoint and unknown keys', async () => {
    expect(await lint('bad-shape.jsonl')).toEqual([
      '1 error missing-key: missing "custom_id"',
      '2 error wrong-type: custom_id must be a string, not a number',
      '2 error wrong-value: method must be "POST", not "GET"',
      '3 error unknown-endpoint: url "/v1/chat/completion" is not a batch endpoint of openai (known: /v1/chat/completions, /v1/responses, /v1/embeddings, /v1/completions, /v1/moderations, /v1/images/generations, /v1/images/edits, /v1/videos)',
      '3 error url-mismatch: url "/v1/chat/completion" differs from "/v1/chat/completions" on line 1 (openai takes one url per file)',
      '4 error wrong-type: body must be an object, not an array',
      '5 warning unknown-key: unknown key "metadata" in the openai line shape (expected custom_id, method, url, body)',
      '6 error not-object: line is an array, not a JSON object',
      '7 error not-object: line is a string, not a JSON object',
    ]);
  });

  it('checks {custom_id, body} lines', async () => {
    expect(await lint('bad-custom-id-body.jsonl')).toEqual([
      '2 error wrong-type: body must be an object, not a string',
      '2 error custom-id-duplicate: duplicate custom_id "t-1" (first on line 1)',
      '3 error wrong-type: custom_id must be a string, not a number',
      '3 warning unknown-key: unknown key "url" in the custom-id-body line shape (expected custom_id, body)',
    ]);
  });

  it('checks {custom_id, params} lines', async () => {
    expect(await lint('bad-anthropic.jsonl')).toEqual([
      '2 error wrong-type: params must be an object, not an array',
      '2 error custom-id-duplicate: duplicate custom_id "a-1" (first on line 1)',
      '3 error missing-key: missing "custom_id"',
      '3 warning unknown-key: unknown key "method" in the anthropic line shape (expected custom_id, params)',
      '3 error missing-key: missing params.max_tokens (Claude requires it)',
      '3 error missing-key: missing params.messages (Claude requires it)',
    ]);
  });

  it('checks {key, request} lines', async () => {
    expect(await lint('bad-gemini.jsonl')).toEqual([
      '2 error custom-id-duplicate: duplicate key "g-1" (first on line 1)',
      '3 error wrong-type: key must be a string, not a number',
      '3 error wrong-type: request must be an object, not a string',
      '4 error missing-key: missing "key"',
    ]);
  });

  it('checks {request} lines', async () => {
    expect(await lint('bad-vertex.jsonl')).toEqual([
      '2 error wrong-type: request must be an object, not an array',
      '2 warning unknown-key: unknown key "id" in the vertex line shape (expected request)',
      '3 error missing-key: missing "request"',
      '3 warning unknown-key: unknown key "instances" in the vertex line shape (expected request)',
    ]);
  });

  it('checks {recordId, modelInput} lines, recordId optional', async () => {
    const claude = (no: number) => [
      `${no} error missing-key: missing modelInput.anthropic_version (Claude on Bedrock needs "bedrock-2023-05-31")`,
      `${no} error missing-key: missing modelInput.max_tokens (Claude requires it)`,
      `${no} error missing-key: missing modelInput.messages (Claude requires it)`,
    ];
    expect(await lint('bad-bedrock.jsonl')).toEqual([
      '0 warning few-records: file has 5 record(s); a bedrock batch job needs at least 100 by default',
      ...claude(1),
      '2 error custom-id-duplicate: duplicate recordId "CALL1" (first on line 1)',
      ...claude(2),
      '3 error wrong-type: recordId must be a string, not a number',
      '3 error wrong-type: modelInput must be an object, not a string',
      ...claude(4),
      '5 error missing-key: missing "modelInput"',
    ]);
  });

  it('checks a file against the family named by --provider, not the one it looks like', async () => {
    expect(await lint('good-gemini.jsonl', 'bedrock')).toEqual([
      '0 warning few-records: file has 1 record(s); a bedrock batch job needs at least 100 by default',
      '1 error missing-key: missing "modelInput"',
      '1 warning unknown-key: unknown key "key" in the bedrock line shape (expected recordId, modelInput)',
      '1 warning unknown-key: unknown key "request" in the bedrock line shape (expected recordId, modelInput)',
    ]);
  });
});

describe('request ids', () => {
  it('reports empty and duplicate ids naming the first line', async () => {
    expect(await lint('bad-ids.jsonl')).toEqual([
      '3 error custom-id-duplicate: duplicate custom_id "r-1" (first on line 1)',
      '4 error custom-id-empty: custom_id is empty',
      '7 error custom-id-duplicate: duplicate custom_id "r-2" (first on line 2)',
    ]);
  });

  it("applies the provider's id rule: bytes and pattern", async () => {
    expect(await lint('bad-ids.jsonl', 'doubleword')).toEqual([
      '3 error custom-id-duplicate: duplicate custom_id "r-1" (first on line 1)',
      '4 error custom-id-empty: custom_id is empty',
      '5 error custom-id-rule: custom_id "has\\u0007bell" breaks the doubleword rule: at most 64 bytes of visible ASCII, spaces or tabs (a valid HTTP header value)',
      `6 error custom-id-rule: custom_id "${'x'.repeat(65)}" is 65 bytes, over the doubleword limit of 64`,
      '7 error custom-id-duplicate: duplicate custom_id "r-2" (first on line 2)',
    ]);
  });
});

describe('one url and model per file', () => {
  it('names the first line when a later one differs (openai)', async () => {
    expect(await lint('bad-one-model.jsonl')).toEqual([
      '2 error model-mismatch: body.model "gpt-4o" differs from "gpt-4o-mini" on line 1 (openai takes one model per file)',
      '3 error url-mismatch: url "/v1/embeddings" differs from "/v1/chat/completions" on line 1 (openai takes one url per file)',
    ]);
  });

  it('allows mixed models where the provider does (doubleword)', async () => {
    expect(await lint('bad-one-model.jsonl', 'doubleword')).toEqual([]);
  });
});

describe('request bodies', () => {
  it('checks chat messages, roles, content and parts', async () => {
    expect(await lint('bad-chat.jsonl')).toEqual([
      '1 error missing-key: missing body.messages (chat requests need it)',
      '2 error empty-value: body.messages must not be empty',
      '3 error unknown-role: body.messages[0].role "bot" is not a chat role (system, developer, user, assistant, tool)',
      '3 error missing-key: missing "body.messages[1].role"',
      '3 error wrong-type: body.messages[2] must be an object, not a string',
      '4 error missing-key: missing body.messages[0].content (every message needs it)',
      '4 error missing-key: missing body.messages[1].content (an assistant message without tool_calls needs it)',
      '4 error wrong-type: body.messages[2].content must be a string or an array of parts, not a number',
      '5 error missing-key: body.messages[0] is a tool message without "tool_call_id"',
      '6 error unknown-part: body.messages[0].content[0].type "video" is not a content part type (text, image_url, input_audio, file, refusal)',
      '6 error missing-key: missing "body.messages[0].content[1].text"',
      '6 error wrong-type: body.messages[0].content[2].image_url must be an object, not a string',
      '6 error missing-key: missing "body.messages[0].content[3].type"',
      '7 error empty-value: body.messages[0].content must not be empty',
    ]);
  });

  it('checks model, stream, max_tokens and the input of each endpoint', async () => {
    expect(await lint('bad-bodies.jsonl', 'doubleword')).toEqual([
      '1 error missing-key: missing "body.model"',
      '2 error wrong-type: body.model must be a string, not a number',
      '3 error stream-refused: body.stream is true; batch requests cannot stream',
      '4 warning max-completion-tokens: body.max_tokens is not accepted by "o1-mini"; use max_completion_tokens',
      '5 warning max-completion-tokens: body.max_tokens is not accepted by "gpt-5-nano"; use max_completion_tokens',
      '6 error missing-key: missing body.input (embeddings requests need it)',
      '7 error empty-value: body.input must not be empty',
      '8 error missing-key: missing body.prompt (completions requests need it)',
      '9 error wrong-type: body.input must be a string or an array, not a number',
    ]);
  });
});

describe("request bodies against the provider's declaration", () => {
  it('names unknown OpenAI parameters with the closest known one', async () => {
    expect(await lint('bad-params-openai.jsonl')).toEqual([
      '1 error param-unknown: body.max_token is not a parameter of openai (OpenAI OpenAPI description f85dbe2); did you mean max_tokens?',
      '2 error param-unknown: body.temprature is not a parameter of openai (OpenAI OpenAPI description f85dbe2); did you mean temperature?',
    ]);
  });

  it('names chat parameters on /v1/responses and what the Responses API takes instead', async () => {
    expect(await lint('bad-params-responses.jsonl')).toEqual([
      '1 error param-renamed: body.max_tokens is not a parameter of openai, which calls it max_output_tokens',
      '1 error param-refused: body.response_format is not accepted by openai (OpenAI OpenAPI description f85dbe2): the Responses API takes structured output as text: {format: {type: json_schema, name: …, schema: …}}',
      '1 error param-refused: body.presence_penalty is not accepted by openai (OpenAI OpenAPI description f85dbe2): the Responses API has no presence_penalty; remove it',
    ]);
  });

  it('names an Anthropic line with sampling params, a system message and an image_url part', async () => {
    expect(await lint('bad-params-anthropic.jsonl')).toEqual([
      '1 error param-refused: params.temperature is not accepted by anthropic (API version 2026-10-21): API version 2026-10-21 refuses temperature even at its default: remove it, or set api_version: 2023-06-01 (submit then sends it as the anthropic-version header)',
      '1 error system-role: params.messages[0] is a system message; anthropic takes system instructions in the top-level system field',
      '1 error unknown-part: params.messages[1].content[1].type "image_url" is not a content block of anthropic: images are {type: image, source: {type: base64 | url, …}}',
    ]);
  });

  it('checks Anthropic lines against --api-version: 2023-06-01 takes temperature, an unknown version is a usage error', async () => {
    const { findings } = await lintFiles(['bad-params-anthropic.jsonl'], { apiVersion: '2023-06-01' }, fixtures);
    expect(findings.map((f) => f.code)).toEqual(['system-role', 'unknown-part']);
    await expect(lintFiles(['bad-params-anthropic.jsonl'], { apiVersion: '2024-01-01' }, fixtures)).rejects.toThrow('api_version "2024-01-01" is not an API version batchforge knows for anthropic');
  });

  it('names a Gemini line with an OpenAI body, an OpenAI param outside generationConfig, a JSON Schema in responseSchema and an OpenAI tool', async () => {
    expect(await lint('bad-params-gemini.jsonl')).toEqual([
      '1 error openai-body: request is an OpenAI chat body, not a gemini request; gemini takes contents: [{role, parts: [{text}]}] and generationConfig',
      '2 error param-renamed: request.temperature is not a parameter of gemini, which calls it generationConfig.temperature',
      "3 error response-schema-json-schema: request.generationConfig.responseSchema.additionalProperties is JSON Schema, which gemini's responseSchema refuses with 400; put the schema in generationConfig.responseJsonSchema",
      '3 error openai-tool: request.tools[0] is an OpenAI function tool, not a gemini Tool; give {functionDeclarations: [{name, description, parametersJsonSchema}]}',
    ]);
  });

  it('names the fields Mistral answers with 422 extra_forbidden', async () => {
    expect(await lint('bad-params-mistral.jsonl', 'mistral')).toEqual([
      '1 error param-renamed: body.seed is not a parameter of mistral, which calls it random_seed',
      '1 error param-refused: body.user is not accepted by mistral (@mistralai/mistralai 2.7.0): Mistral has no user field; to tag requests use metadata: {user: …}',
    ]);
  });

  it('counts embedding inputs across the file against the 50,000 OpenAI allows per batch', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bf-lint-'));
    const line = (i: number) => JSON.stringify({ custom_id: `e-${i}`, method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: Array(20_000).fill('w') } });
    writeFileSync(path.join(dir, 'e.jsonl'), [0, 1, 2].map(line).join('\n') + '\n');
    const { findings } = await lintFiles(['e.jsonl'], {}, dir);
    expect(findings.map((f) => `${f.location!.line ?? 0} ${f.code}: ${f.message}`)).toEqual([
      '0 too-many-inputs: file has 60,000 embedding inputs across its requests, over the openai limit of 50,000 per batch',
    ]);
  });
});
