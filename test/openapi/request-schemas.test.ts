/**
 * The bodies batchforge writes satisfy OpenAI's published request schemas, for every example and
 * for configs that reach the corners of each endpoint (content parts, input lists, prompt,
 * responses). A failure names the custom_id and Ajv's errors.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Manifest } from '../../src/stages/shard/manifest.js';
import { copyTree, REPO, shardLines, writeTree } from '../support/tree.js';
import { loadValidators, type BodyValidators } from './openai-schemas.js';

let schemas: BodyValidators;
beforeAll(() => {
  schemas = loadValidators();
});

const describeErrors = (errors: ErrorObject[]) =>
  errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');

/** builds the config in `dir` and returns one string per line whose body fails its url's schema */
async function schemaFailures(dir: string): Promise<{ lines: number; urls: string[]; failures: string[] }> {
  const result = await build({ cwd: dir, config: path.join(dir, 'batch.config.yaml') });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  const failures: string[] = [];
  const urls = new Set<string>();
  const lines = shardLines(path.join(dir, 'out'));
  for (const { line } of lines) {
    urls.add(String(line.url));
    const errors = schemas.errors(String(line.url), line.body);
    if (errors.length) failures.push(`${String(line.custom_id)}: ${describeErrors(errors)}`);
  }
  return { lines: lines.length, urls: [...urls].sort(), failures };
}

describe('the schema check itself', () => {
  it('accepts a minimal valid body for each endpoint', () => {
    expect(schemas.errors('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).toEqual([]);
    expect(schemas.errors('/v1/embeddings', { model: 'm', input: 'hi' })).toEqual([]);
    expect(schemas.errors('/v1/completions', { model: 'm', prompt: 'hi' })).toEqual([]);
    expect(schemas.errors('/v1/responses', { model: 'm', input: 'hi' })).toEqual([]);
  });

  it('rejects an unknown parameter, a missing required key and a wrong part type', () => {
    expect(describeErrors(schemas.errors('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokenz: 5 })))
      .toContain('must NOT have unevaluated properties {"unevaluatedProperty":"max_tokenz"}');
    expect(describeErrors(schemas.errors('/v1/embeddings', { model: 'm' }))).toContain(`must have required property 'input'`);
    expect(schemas.errors('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image', url: 'x' }] }] }).length).toBeGreaterThan(0);
  });
});

const examplesDir = path.join(REPO, 'examples');
const examples = readdirSync(examplesDir).filter((x) => existsSync(path.join(examplesDir, x, 'batch.config.yaml'))).sort();

describe.each(examples)('examples/%s', (x) => {
  it('writes bodies that satisfy the OpenAI request schema of their url', async () => {
    const { lines, failures } = await schemaFailures(copyTree(path.join(examplesDir, x), ['out']));
    expect(lines).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

const PEOPLE_CSV = 'id,name,question,photo,note\n1,Ada,"What is 2+2, exactly?",https://img.example.com/a.png,"line one\nline two"\n2,Grace,"Say ""hi""",https://img.example.com/g.png,\n';

describe('in-test configs', () => {
  it('chat: every role, content parts (text, image_url, input_audio, file), name, templated params', async () => {
    const dir = writeTree({
      'data/people.csv': PEOPLE_CSV,
      'batch.config.yaml': `model: gpt-4o-audio-preview
params:
  temperature: 0.2
  max_completion_tokens: 100
  seed: 1
  stop: ["\\n\\n"]
  metadata:
    person: "{{name}}"
    row: "{{@index}}"
  response_format:
    type: json_schema
    json_schema:
      name: answer
      strict: true
      schema: {type: object, properties: {answer: {type: string}}, required: [answer], additionalProperties: false}
source: {path: data/people.csv}
custom_id: "person-{{id}}"
messages:
  - role: developer
    content: "Answer as JSON."
  - role: system
    content: "Be brief."
  - role: user
    name: "{{name}}"
    content: "Hello"
  - role: assistant
    content: "Hello {{name}}, ask away."
  - role: user
    content:
      - type: text
        text: "{{question}} {{default note 'no note'}}"
      - type: image_url
        image_url: {url: "{{photo}}", detail: high}
      - type: input_audio
        input_audio: {data: "UklGRg==", format: wav}
      - type: file
        file: {file_id: "file-{{id}}"}
`,
    });
    const { lines, urls, failures } = await schemaFailures(dir);
    expect({ lines, urls }).toEqual({ lines: 2, urls: ['/v1/chat/completions'] });
    expect(failures).toEqual([]);
  });

  it('embeddings: a string input and a list of inputs', async () => {
    const dir = writeTree({
      'data/people.csv': PEOPLE_CSV,
      'batch.config.yaml': `model: text-embedding-3-large
params: {dimensions: 256, encoding_format: base64, user: "u-{{id}}"}
source: {path: data/people.csv}
custom_id: "emb-{{id}}"
batches:
  - name: one
    input: "{{question}}"
  - name: many
    input: ["{{name}}", "{{question}}"]
`,
    });
    const { lines, urls, failures } = await schemaFailures(dir);
    expect({ lines, urls }).toEqual({ lines: 4, urls: ['/v1/embeddings'] });
    expect(failures).toEqual([]);
  });

  it('completions: input becomes the prompt', async () => {
    const dir = writeTree({
      'data/people.csv': PEOPLE_CSV,
      'batch.config.yaml': `model: gpt-3.5-turbo-instruct
endpoint: /v1/completions
params: {max_tokens: 20, temperature: 0, logprobs: 2, echo: false}
source: {path: data/people.csv}
custom_id: "c-{{id}}"
input: "Q: {{question}}\\nA:"
`,
    });
    const { lines, urls, failures } = await schemaFailures(dir);
    expect({ lines, urls }).toEqual({ lines: 2, urls: ['/v1/completions'] });
    expect(failures).toEqual([]);
  });

  it('responses: a string input with instructions and max_output_tokens', async () => {
    const dir = writeTree({
      'data/people.csv': PEOPLE_CSV,
      'batch.config.yaml': `model: gpt-4.1-mini
endpoint: /v1/responses
params:
  instructions: "Answer {{name}} in one sentence."
  max_output_tokens: 50
  metadata: {person: "{{name}}"}
  text: {format: {type: text}}
source: {path: data/people.csv}
custom_id: "r-{{id}}"
input: "{{question}}"
`,
    });
    const { lines, urls, failures } = await schemaFailures(dir);
    expect({ lines, urls }).toEqual({ lines: 2, urls: ['/v1/responses'] });
    expect(failures).toEqual([]);
  });
});

describe('responses with messages', () => {
  it('sends the conversation as `input`, which is what the Responses API takes', async () => {
    const dir = writeTree({
      'data/people.csv': PEOPLE_CSV,
      'batch.config.yaml': `model: gpt-4.1-mini
endpoint: /v1/responses
params: {max_output_tokens: 50}
source: {path: data/people.csv}
custom_id: "r-{{id}}"
messages:
  - role: developer
    content: "Answer in one sentence."
  - role: user
    content: "{{question}}"
`,
    });
    const { lines, failures } = await schemaFailures(dir);
    expect(lines).toBe(2);
    expect(failures).toEqual([]);
    expect(shardLines(path.join(dir, 'out'))[0]!.line.body).toEqual({
      model: 'gpt-4.1-mini',
      max_output_tokens: 50,
      input: [
        { role: 'developer', content: 'Answer in one sentence.' },
        { role: 'user', content: 'What is 2+2, exactly?' },
      ],
    });
  });
});

describe('content parts per endpoint', () => {
  const config = (endpoint: string) => `model: gpt-4.1-mini
endpoint: ${endpoint}
source: {path: data/people.csv}
custom_id: "p-{{id}}"
messages:
  - role: user
    content:
      - type: text
        text: "{{question}}"
      - type: image_url
        image_url: {url: "https://img.test/{{id}}.png", detail: low, mime_type: image/png}
`;

  it('responses: parts become input_text and input_image, which its schema accepts', async () => {
    const dir = writeTree({ 'data/people.csv': PEOPLE_CSV, 'batch.config.yaml': config('/v1/responses') });
    const { failures } = await schemaFailures(dir);
    expect(failures).toEqual([]);
    const body = shardLines(path.join(dir, 'out'))[0]!.line.body as { input: Array<{ content: unknown }> };
    expect(body.input[0]!.content).toEqual([
      { type: 'input_text', text: 'What is 2+2, exactly?' },
      { type: 'input_image', image_url: 'https://img.test/1.png', detail: 'low' },
    ]);
  });

  it('chat: image parts keep their form, without the gemini-only mime_type', async () => {
    const dir = writeTree({ 'data/people.csv': PEOPLE_CSV, 'batch.config.yaml': config('/v1/chat/completions') });
    const { failures } = await schemaFailures(dir);
    expect(failures).toEqual([]);
    const body = shardLines(path.join(dir, 'out'))[0]!.line.body as { messages: Array<{ content: unknown }> };
    expect(body.messages[0]!.content).toEqual([
      { type: 'text', text: 'What is 2+2, exactly?' },
      { type: 'image_url', image_url: { url: 'https://img.test/1.png', detail: 'low' } },
    ]);
  });
});
