// The benchmark's jobs. Each is one request shape written three ways: a batchforge config (with its template
// files), the same job as the seeds' Python loop (bench/jobs/<id>.py) and as a careful hand-written Node script
// (bench/jobs/<id>.mjs). run.mjs checks that all three write the same requests line by line, so drift between
// them fails the run instead of flattering anyone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MAX_BYTES = 100_000_000;
export const MAX_LINES = 50_000;

const OUTPUT = `output:
  dir: {out}
  max_bytes: 100MB
  max_lines: 50000
`;

const PLAIN_MESSAGES = `messages:
  - role: system
    template: system.hbs
  - role: user
    content: "Topic: {{topic}}\\nQuestion: {{question}}\\nContext: {{context}}"
`;

const SYSTEM = 'You are a patient tutor for {{topic}}. Answer in at most three sentences and cite the context when you use it.';

/** id → { title, source (a file generate.mjs writes), files: { path: text } beside the data, config } */
export const WORKLOADS = {
  a: {
    title: 'CSV, plain templates',
    source: 'questions.csv',
    files: { 'system.hbs': SYSTEM },
    config: `provider: openai
model: gpt-4o-mini
endpoint: /v1/chat/completions
params:
  temperature: 0.2
  max_tokens: 256
source:
  path: ../questions.csv
custom_id: "q-{{id}}"
${PLAIN_MESSAGES}`,
  },
  b: {
    title: 'JSONL, nested fields, #if/#each over a partial, upper and join',
    source: 'records.jsonl',
    files: {
      'templates/user.hbs':
        '{{#if meta.hint}}Hint: {{meta.hint}}\n{{/if}}Topic: {{upper meta.topic}} (level {{meta.level}}; tags: {{join tags ", "}})\n' +
        '{{#each examples}}{{> shot}}{{/each}}Question: {{question}}\nContext: {{context}}',
      'templates/partials/shot.hbs': 'Example {{@index}}: {{q}} → {{a}}\n',
    },
    config: `provider: openai
model: gpt-4o-mini
endpoint: /v1/chat/completions
params:
  temperature: 0.2
  max_tokens: 256
source:
  path: ../records.jsonl
custom_id: "r-{{id}}"
messages:
  - role: system
    content: "You answer questions about {{meta.topic}}."
  - role: user
    template: templates/user.hbs
`,
  },
  c: {
    title: 'few-shot classification: system template file with partials',
    source: 'questions.csv',
    files: {
      'templates/classify.hbs': 'You sort questions about {{topic}} into one of: definition, explanation, history, example.\n{{> shots}}Answer with the label only.',
      'templates/partials/shots.hbs':
        '{{> shot q="What is entropy?" label="definition"}}{{> shot q="Why does ice float?" label="explanation"}}' +
        '{{> shot q="When did the Silk Road close?" label="history"}}{{> shot q="Show a prime number." label="example"}}',
      'templates/partials/shot.hbs': 'Q: {{q}} => {{label}}\n',
    },
    config: `provider: openai
model: gpt-4o-mini
endpoint: /v1/chat/completions
params:
  temperature: 0
  max_tokens: 5
source:
  path: ../questions.csv
custom_id: "c-{{id}}"
messages:
  - role: system
    template: templates/classify.hbs
  - role: user
    content: "{{question}}\\n{{context}}"
`,
  },
  d: {
    title: 'matrix: 2 models × 2 params',
    source: 'questions.csv',
    files: { 'system.hbs': SYSTEM },
    config: `provider: openai
endpoint: /v1/chat/completions
params:
  max_tokens: 256
matrix:
  model: [gpt-4o-mini, gpt-4.1-mini]
  params:
    - { temperature: 0 }
    - { temperature: 0.7 }
source:
  path: ../questions.csv
custom_id: "q-{{id}}-{{@matrix.model}}-{{@matrix.params.temperature}}"
${PLAIN_MESSAGES}`,
    /** requests per row */
    fanOut: 4,
  },
  e: {
    // the provider's current API version refuses temperature: the job sends max_tokens only
    title: 'workload (a) for anthropic',
    source: 'questions.csv',
    files: { 'system.hbs': SYSTEM },
    config: `provider: anthropic
model: claude-3-5-haiku-latest
params:
  max_tokens: 256
source:
  path: ../questions.csv
custom_id: "q-{{id}}"
${PLAIN_MESSAGES}`,
  },
  f: {
    title: 'embeddings with a list input',
    source: 'questions.csv',
    files: {},
    // OpenAI counts embedding inputs per file (50,000): two inputs a line make 25,000 lines a shard
    maxLines: 25_000,
    config: `provider: openai
model: text-embedding-3-small
endpoint: /v1/embeddings
params:
  dimensions: 512
source:
  path: ../questions.csv
custom_id: "e-{{id}}"
input:
  - "{{topic}}: {{question}}"
  - "{{context}}"
`,
  },
};

/**
 * Writes workload `id` into its own folder beside the data, `<dataDir>/<id>/` (templates/partials/ is per
 * config folder): its template files and one config per output folder name in `outs`. Returns
 * { dir, configs: { out: path } }.
 */
export function writeWorkload(id, dataDir, outs) {
  const w = WORKLOADS[id];
  const dir = join(dataDir, id);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(w.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const configs = {};
  for (const out of outs) {
    configs[out] = join(dir, `${out}.config.yaml`);
    writeFileSync(configs[out], w.config + OUTPUT.replace('{out}', out).replace(`max_lines: ${MAX_LINES}`, `max_lines: ${w.maxLines ?? MAX_LINES}`));
  }
  return { dir, configs };
}
